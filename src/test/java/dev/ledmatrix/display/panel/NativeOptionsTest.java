package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the binding sends to create and what it reads back: the zero-means-default rule in practice. */
class NativeOptionsTest {

    @Test
    void unsetOptionsAreSentAsZeroOrNullAndPrivilegesAreKept() {
        try (NativePanel panel = TestPanels.openFake()) {
            FakeRgbMatrix.Received sent = FakeRgbMatrix.lastReceived();

            assertThat(sent.options()).containsEntry("hardware_mapping", "regular").containsEntry("rows", 32)
                    .containsEntry("cols", 64).containsEntry("chain_length", 2).containsEntry("parallel", 1)
                    .containsEntry("brightness", 100)
                    .containsEntry("pwm_bits", 0).containsEntry("pwm_lsb_nanoseconds", 0)
                    .containsEntry("pwm_dither_bits", 0).containsEntry("scan_mode", 0)
                    .containsEntry("row_address_type", 0).containsEntry("multiplexing", 0)
                    .containsEntry("limit_refresh_rate_hz", 0)
                    .containsEntry("disable_hardware_pulsing", false).containsEntry("show_refresh_rate", false)
                    .containsEntry("inverse_colors", false).containsEntry("disable_busy_waiting", false)
                    .containsEntry("led_rgb_sequence", null).containsEntry("pixel_mapper_config", null)
                    .containsEntry("panel_type", null);
            assertThat(sent.runtime()).containsEntry("gpio_slowdown", 0).containsEntry("rp1_rio", 0)
                    .containsEntry("daemon", 0).containsEntry("drop_privileges", -1)
                    .containsEntry("drop_priv_user", null).containsEntry("drop_priv_group", null);
        }
    }

    @Test
    void theValuesTheLibraryWroteBackAreRead() {
        try (NativePanel panel = TestPanels.openFake()) {
            // library defaults filled in where 0 / NULL was sent; -1 kept because it is non-zero
            assertThat(panel.appliedOptions()).containsEntry("pwm_bits", 11).containsEntry("pwm_lsb_nanoseconds", 130)
                    .containsEntry("led_rgb_sequence", "RGB").containsEntry("rows", 32);
            assertThat(panel.appliedRuntime()).containsEntry("gpio_slowdown", 1).containsEntry("drop_privileges", -1)
                    .containsEntry("daemon", 0).containsEntry("do_gpio_init", true);
            assertThat(panel.appliedOptions()).isEqualTo(FakeRgbMatrix.matrixOptions(panel.matrixHandle(), false));
            assertThat(panel.appliedRuntime()).isEqualTo(FakeRgbMatrix.matrixOptions(panel.matrixHandle(), true));
        }
    }

    @Test
    void everySetOptionReachesItsField() {
        try (NativePanel panel = TestPanels.openFake("rows=16", "cols=32", "chain-length=4", "parallel=2",
                "hardware-mapping=Classic", "brightness=42", "pwm-bits=7", "pwm-lsb-nanoseconds=200",
                "pwm-dither-bits=1", "gpio-slowdown=3", "scan-mode=1", "row-address-type=5", "multiplexing=22",
                "disable-hardware-pulsing=true", "show-refresh-rate=true", "inverse-colors=true",
                "led-rgb-sequence=GBR", "pixel-mapper-config=Rotate:90;Mirror:H", "panel-type=FM6126A",
                "limit-refresh-rate-hz=120", "disable-busy-waiting=true", "rp1-rio=true")) {
            FakeRgbMatrix.Received sent = FakeRgbMatrix.lastReceived();

            assertThat(sent.options()).isEqualTo(Map.ofEntries(
                    Map.entry("hardware_mapping", "classic"), Map.entry("rows", 16), Map.entry("cols", 32),
                    Map.entry("chain_length", 4), Map.entry("parallel", 2), Map.entry("pwm_bits", 7),
                    Map.entry("pwm_lsb_nanoseconds", 200), Map.entry("pwm_dither_bits", 1),
                    Map.entry("brightness", 42), Map.entry("scan_mode", 1), Map.entry("row_address_type", 5),
                    Map.entry("multiplexing", 22), Map.entry("disable_hardware_pulsing", true),
                    Map.entry("show_refresh_rate", true), Map.entry("inverse_colors", true),
                    Map.entry("led_rgb_sequence", "GBR"), Map.entry("pixel_mapper_config", "Rotate:90;Mirror:H"),
                    Map.entry("panel_type", "FM6126A"), Map.entry("limit_refresh_rate_hz", 120),
                    Map.entry("disable_busy_waiting", true)));
            assertThat(sent.runtime()).containsEntry("gpio_slowdown", 3).containsEntry("rp1_rio", 1)
                    .containsEntry("drop_privileges", -1);
            assertThat(panel.brightness()).isEqualTo(42);
            // 32 cols × 4 chained by 16 rows × 2 parallel, turned by Rotate:90
            assertThat(panel.width()).isEqualTo(16 * 2);
            assertThat(panel.height()).isEqualTo(32 * 4);
        }
    }

    /**
     * The fake refuses what the library refuses; these reach it only because this test skips the Java
     * checks, which reject all of them first (see PanelPropertiesValidationTest).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rows=33", "cols=8", "parallel=4", "pwm-bits=12", "pwm-lsb-nanoseconds=40",
            "pwm-dither-bits=3", "brightness=101", "scan-mode=2", "row-address-type=6", "multiplexing=23",
            "gpio-slowdown=11", "led-rgb-sequence=RGX", "hardware-mapping=nonsense"})
    void theFakeLibraryRefusesInvalidOptionsLikeTheRealOne(String option) {
        PanelProperties invalid = TestPanels.fakeNative(option);
        assertThat(invalid.violations()).isNotEmpty();
        RgbMatrixLibrary library = RgbMatrixLibrary.load(FakeRgbMatrix.path());
        try (Arena arena = Arena.ofConfined()) {
            NativeOptions options = NativeOptions.write(invalid, arena);
            MemorySegment matrix = library.create(options.options(), options.runtime());
            assertThat(matrix.address()).isZero();
        }
    }
}
