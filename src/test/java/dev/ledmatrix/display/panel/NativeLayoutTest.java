package dev.ledmatrix.display.panel;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.Reader;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The Java StructLayouts against the layout oracle: offsetof/sizeof/alignof as gcc computes them for the
 * fake library's declarations on this machine's ABI, and as the Pi's own compiler (aarch64-linux-gnu-gcc)
 * computes them. A member added, dropped or moved on either side fails.
 */
class NativeLayoutTest {

    static Stream<StructLayout> structs() {
        return Stream.of(NativeLayouts.MATRIX_OPTIONS, NativeLayouts.RUNTIME_OPTIONS);
    }

    @ParameterizedTest
    @MethodSource("structs")
    void everyMemberOffsetMatchesTheCompiler(StructLayout struct) {
        String name = struct.name().orElseThrow();
        List<String> members = namedMembers(struct);
        assertThat(members).hasSize((int) FakeRgbMatrix.layout("fields " + name));
        for (String member : members) {
            assertThat(struct.byteOffset(groupElement(member)))
                    .as("%s.%s", name, member)
                    .isEqualTo(FakeRgbMatrix.layout(name + "." + member));
        }
    }

    @ParameterizedTest
    @MethodSource("structs")
    void sizeAndAlignmentMatchTheCompiler(StructLayout struct) {
        String name = struct.name().orElseThrow();
        assertThat(struct.byteSize()).as("sizeof %s", name).isEqualTo(FakeRgbMatrix.layout("sizeof " + name));
        assertThat(struct.byteAlignment()).as("alignof %s", name).isEqualTo(FakeRgbMatrix.layout("alignof " + name));
    }

    @Test
    void memberSizesMatchTheCTypes() {
        // int → 4, bool → 1, pointer → pointer size; the oracle's offsets only pin the start of each member.
        for (StructLayout struct : structs().toList()) {
            for (MemoryLayout m : struct.memberLayouts()) {
                if (m.name().isEmpty()) {
                    continue;
                }
                long expected = switch (m) {
                    case ValueLayout.OfInt i -> 4;
                    case ValueLayout.OfBoolean b -> 1;
                    case java.lang.foreign.AddressLayout a -> ValueLayout.ADDRESS.byteSize();
                    default -> -1;
                };
                assertThat(m.byteSize()).as(m.toString()).isEqualTo(expected);
            }
        }
    }

    /**
     * The documented LP64 offsets of the real header (2026-04 generation), independently of the fake's own
     * declarations: catches the fake and the binding drifting together.
     */
    @Test
    void lp64OffsetsAreThoseOfTheCurrentLibraryGeneration() {
        assumeThat(ValueLayout.ADDRESS.byteSize()).isEqualTo(8);
        Map<String, Long> options = Map.ofEntries(Map.entry("hardware_mapping", 0L), Map.entry("rows", 8L),
                Map.entry("cols", 12L), Map.entry("chain_length", 16L), Map.entry("parallel", 20L),
                Map.entry("pwm_bits", 24L), Map.entry("pwm_lsb_nanoseconds", 28L), Map.entry("pwm_dither_bits", 32L),
                Map.entry("brightness", 36L), Map.entry("scan_mode", 40L), Map.entry("row_address_type", 44L),
                Map.entry("multiplexing", 48L), Map.entry("disable_hardware_pulsing", 52L),
                Map.entry("show_refresh_rate", 53L), Map.entry("inverse_colors", 54L),
                Map.entry("led_rgb_sequence", 56L), Map.entry("pixel_mapper_config", 64L), Map.entry("panel_type", 72L),
                Map.entry("limit_refresh_rate_hz", 80L), Map.entry("disable_busy_waiting", 84L));
        Map<String, Long> runtime = Map.of("gpio_slowdown", 0L, "rp1_rio", 4L, "daemon", 8L, "drop_privileges", 12L,
                "do_gpio_init", 16L, "drop_priv_user", 24L, "drop_priv_group", 32L);
        options.forEach((m, off) -> assertThat(NativeLayouts.offset(NativeLayouts.MATRIX_OPTIONS, m)).as(m).isEqualTo(off));
        runtime.forEach((m, off) -> assertThat(NativeLayouts.offset(NativeLayouts.RUNTIME_OPTIONS, m)).as(m).isEqualTo(off));
        assertThat(NativeLayouts.MATRIX_OPTIONS.byteSize()).isEqualTo(88);
        assertThat(NativeLayouts.RUNTIME_OPTIONS.byteSize()).isEqualTo(40);
    }

    /**
     * The machine the service ships to: the same structs compiled by Debian's aarch64-linux-gnu-gcc (the Pi's
     * 64-bit ABI), read from the compiler's assembly output by src/test/c/build.sh. The Java layouts describe
     * LP64 wherever the JVM runs with 8-byte pointers, so they must equal these member by member. Skipped
     * where the cross compiler is not installed, but never in CI (.ci/run installs it).
     */
    @ParameterizedTest
    @MethodSource("structs")
    void everyMemberOffsetMatchesTheRaspberryPisCompiler(StructLayout struct) throws Exception {
        Path file = Path.of(System.getProperty("ledmatrix.test.native-dir", "target/native"), "layout-aarch64.properties");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(file).as("CI=true: aarch64-linux-gnu-gcc must have produced %s", file).isRegularFile();
        }
        assumeThat(Files.isRegularFile(file)).as("aarch64-linux-gnu-gcc not installed: %s", file).isTrue();
        assumeThat(ValueLayout.ADDRESS.byteSize()).isEqualTo(8);
        Properties aarch64 = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            aarch64.load(in);
        }
        String name = struct.name().orElseThrow();
        List<String> members = namedMembers(struct);
        assertThat(aarch64.stringPropertyNames().stream().filter(k -> k.startsWith(name + ".")).count())
                .as("members of %s on aarch64", name).isEqualTo(members.size());
        for (String member : members) {
            assertThat(struct.byteOffset(groupElement(member))).as("aarch64 %s.%s", name, member)
                    .isEqualTo(Long.parseLong(aarch64.getProperty(name + "." + member, "-1")));
        }
        assertThat(struct.byteSize()).as("aarch64 sizeof %s", name)
                .isEqualTo(Long.parseLong(aarch64.getProperty("sizeof." + name, "-1")));
        assertThat(struct.byteAlignment()).as("aarch64 alignof %s", name)
                .isEqualTo(Long.parseLong(aarch64.getProperty("alignof." + name, "-1")));
    }

    private static List<String> namedMembers(StructLayout struct) {
        return struct.memberLayouts().stream().flatMap(m -> m.name().stream()).toList();
    }
}
