package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** Each invalid option is named with its value and what is allowed, by Java and by Spring Boot's binder. */
class PanelPropertiesValidationTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments(List.of("backend=fpga"), "backend", "fpga", "emulator or native"),
                arguments(List.of("rows=33"), "rows", 33, "even number from 8 to 64"),
                arguments(List.of("rows=6"), "rows", 6, "even number from 8 to 64"),
                arguments(List.of("rows=66"), "rows", 66, "even number from 8 to 64"),
                arguments(List.of("cols=8"), "cols", 8, "at least 16"),
                arguments(List.of("chain-length=0"), "chainLength", 0, "at least 1"),
                arguments(List.of("parallel=0"), "parallel", 0, "from 1 to 3"),
                arguments(List.of("parallel=4"), "parallel", 4, "from 1 to 3"),
                arguments(List.of("hardware-mapping=adafruit-hat", "parallel=2"), "parallel", 2,
                        "must be 1 with hardware-mapping adafruit-hat"),
                arguments(List.of("hardware-mapping=nonsense"), "hardwareMapping", "nonsense",
                        "regular, adafruit-hat, adafruit-hat-pwm, regular-pi1, classic, classic-pi1, compute-module"),
                arguments(List.of("brightness=0"), "brightness", 0, "from 1 to 100"),
                arguments(List.of("brightness=101"), "brightness", 101, "from 1 to 100"),
                arguments(List.of("pwm-bits=0"), "pwmBits", 0, "from 1 to 11"),
                arguments(List.of("pwm-bits=12"), "pwmBits", 12, "from 1 to 11"),
                arguments(List.of("pwm-lsb-nanoseconds=49"), "pwmLsbNanoseconds", 49, "from 50 to 3000"),
                arguments(List.of("pwm-lsb-nanoseconds=3001"), "pwmLsbNanoseconds", 3001, "from 50 to 3000"),
                arguments(List.of("pwm-dither-bits=-1"), "pwmDitherBits", -1, "from 0 to 2"),
                arguments(List.of("pwm-dither-bits=3"), "pwmDitherBits", 3, "from 0 to 2"),
                arguments(List.of("scan-mode=2"), "scanMode", 2, "from 0 to 1"),
                arguments(List.of("row-address-type=6"), "rowAddressType", 6, "from 0 to 5"),
                arguments(List.of("row-address-type=-1"), "rowAddressType", -1, "from 0 to 5"),
                arguments(List.of("multiplexing=23"), "multiplexing", 23, "from 0 to 22"),
                arguments(List.of("multiplexing=-1"), "multiplexing", -1, "from 0 to 22"),
                arguments(List.of("gpio-slowdown=-2"), "gpioSlowdown", -2, "-1 or from 1 to 10"),
                arguments(List.of("gpio-slowdown=11"), "gpioSlowdown", 11, "-1 or from 1 to 10"),
                arguments(List.of("gpio-slowdown=0"), "gpioSlowdown", 0, "leave it unset for the default"),
                arguments(List.of("limit-refresh-rate-hz=-1"), "limitRefreshRateHz", -1, "0 (no limit) or more"),
                arguments(List.of("led-rgb-sequence=RRB"), "ledRgbSequence", "RRB", "R, G and B in any order"),
                arguments(List.of("led-rgb-sequence=RGBA"), "ledRgbSequence", "RGBA", "R, G and B in any order"),
                arguments(List.of("panel-type=FM6128"), "panelType", "FM6128", "FM6126A or FM6127"),
                arguments(List.of("pixel-mapper-config=Spin:90"), "pixelMapperConfig", "Spin:90",
                        "unknown pixel mapper 'Spin'; known: Rotate, Mirror, U-mapper, V-mapper, StackToRow, Remap"),
                arguments(List.of("pixel-mapper-config=Rotate:45"), "pixelMapperConfig", "Rotate:45",
                        "multiple of 90"),
                arguments(List.of("pixel-mapper-config=Mirror:X"), "pixelMapperConfig", "Mirror:X", "H or V"),
                arguments(List.of("pixel-mapper-config=U-mapper", "chain-length=3"), "pixelMapperConfig", "U-mapper",
                        "even chain-length"),
                arguments(List.of("pixel-mapper-config=U-mapper", "cols=16"), "pixelMapperConfig", "U-mapper",
                        "empty 0×64 canvas"),
                arguments(List.of("pixel-mapper-config=Remap:128,32|0,0n"), "pixelMapperConfig", "Remap:128,32|0,0n",
                        "one x,y<o> tile per panel (2 here)"),
                arguments(List.of("rows=64", "cols=256", "chain-length=8", "parallel=3"), "chainLength", 8,
                        "must not exceed 262144 pixels"),
                arguments(List.of("backend=native", "library-path= "), "libraryPath", " ", "librgbmatrix"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void eachInvalidOptionIsNamedWithItsValueAndWhatIsAllowed(List<String> options, String field, Object value,
            String allowed) {
        List<PanelOptionsCheck.Violation> violations = TestPanels.properties(options.toArray(String[]::new)).violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.value()).isEqualTo(value);
            assertThat(v.allowed()).contains(allowed);
            assertThat(v.toString()).startsWith("ledmatrix.panel." + PanelOptionsCheck.kebab(field) + "=")
                    .contains(String.valueOf(value)).contains(allowed);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void springBootStartupFailsOnEachWithTheSameMessage(List<String> options, String field, Object value,
            String allowed) {
        new ApplicationContextRunner().withUserConfiguration(BindOnly.class)
                .withPropertyValues(options.stream().map(o -> "ledmatrix.panel." + o).toArray(String[]::new))
                .run(context -> {
                    assertThat(context).hasFailed();
                    BindValidationException e = (BindValidationException) NestedExceptionUtils.getMostSpecificCause(
                            context.getStartupFailure());
                    List<ObjectError> errors = e.getValidationErrors().getAllErrors();
                    assertThat(errors).singleElement().isInstanceOfSatisfying(FieldError.class, error -> {
                        assertThat(error.getObjectName() + "." + error.getField()).isEqualTo("ledmatrix.panel." + field);
                        assertThat(String.valueOf(error.getRejectedValue()).trim()).isEqualTo(String.valueOf(value).trim());
                        assertThat(error.getDefaultMessage()).contains(allowed);
                    });
                });
    }

    @Test
    void theDefaultsAreValid() {
        PanelProperties defaults = TestPanels.properties();
        assertThat(defaults.violations()).isEmpty();
        assertThat(defaults.requestedBackend()).isEqualTo("emulator");
        assertThat(defaults.libraryPath()).isEqualTo("librgbmatrix.so.1");
        assertThat(defaults.allowNonPi()).isFalse();
        assertThat(defaults.visibleSize()).containsExactly(128, 32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hardware-mapping=Adafruit-Hat", "led-rgb-sequence=bgr", "panel-type=fm6127",
            "pixel-mapper-config=U-mapper;Rotate:-90", "pixel-mapper-config=Remap:64,64|0,0n|0,32s",
            "pixel-mapper-config=StackToRow:Z", "pixel-mapper-config=V-mapper:Z", "gpio-slowdown=-1",
            "backend=NATIVE", "limit-refresh-rate-hz=0", "pwm-dither-bits=0", "led-rgb-sequence="})
    void acceptedValues(String option) {
        assertThat(TestPanels.properties(option).violations()).isEmpty();
    }

    @Test
    void theComputeModuleMappingAllowsSixParallelChains() {
        assertThat(TestPanels.properties("hardware-mapping=compute-module", "parallel=6").violations()).isEmpty();
        assertThat(TestPanels.properties("hardware-mapping=regular", "parallel=6").violations())
                .singleElement().extracting(PanelOptionsCheck.Violation::field).isEqualTo("parallel");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        assertThat(TestPanels.properties("rows=7", "cols=1", "brightness=0", "pwm-bits=99").violations())
                .extracting(PanelOptionsCheck.Violation::field)
                .containsExactly("rows", "cols", "brightness", "pwmBits");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PanelProperties.class)
    static class BindOnly {
    }
}
