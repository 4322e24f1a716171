package dev.ledmatrix.display.panel;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledmatrix.panel.*}: the panel backend and every option of rpi-rgb-led-matrix. An optional option
 * left unset (null) is sent to the library as 0 / NULL, which there means "library default".
 *
 * <p>The record validates itself (Spring Boot runs {@link #validate} while binding), so an invalid value
 * stops startup with the property, the value and what is allowed. The checks cover everything that would
 * make the library refuse, abort() or silently ignore a setting; facts about the host (is it a Pi, are we
 * root) are checked when the native panel opens.
 */
@Validated
@ConfigurationProperties("ledmatrix.panel")
public record PanelProperties(
        @DefaultValue("emulator") String backend,
        @DefaultValue("32") int rows,
        @DefaultValue("64") int cols,
        @DefaultValue("2") int chainLength,
        @DefaultValue("1") int parallel,
        @DefaultValue("regular") String hardwareMapping,
        @DefaultValue("100") int brightness,
        Integer pwmBits,
        Integer pwmLsbNanoseconds,
        Integer pwmDitherBits,
        Integer gpioSlowdown,
        Integer scanMode,
        Integer rowAddressType,
        Integer multiplexing,
        boolean disableHardwarePulsing,
        boolean showRefreshRate,
        boolean inverseColors,
        String ledRgbSequence,
        String pixelMapperConfig,
        String panelType,
        Integer limitRefreshRateHz,
        boolean disableBusyWaiting,
        /* Pi 5 only: drive the panel through RP1 RIO instead of PIO. */
        boolean rp1Rio,
        @DefaultValue("librgbmatrix.so.1") String libraryPath,
        /* Load the library even when /proc/device-tree/model does not say "Raspberry Pi" (tests). */
        boolean allowNonPi) implements Validator {

    public static final String EMULATOR = "emulator";
    public static final String NATIVE = "native";

    public PanelProperties {
        // An empty string would reach the library as a set-but-empty option; unset is what is meant.
        ledRgbSequence = blankToNull(ledRgbSequence);
        pixelMapperConfig = blankToNull(pixelMapperConfig);
        panelType = blankToNull(panelType);
    }

    /** The backend asked for, lower case ({@code emulator} or {@code native} once valid). */
    public String requestedBackend() {
        return backend == null ? EMULATOR : backend.trim().toLowerCase(Locale.ROOT);
    }

    /** Visible width and height (after pixel mappers) of a valid configuration. */
    int[] visibleSize() {
        return PixelMapperConfig.parse(pixelMapperConfig, chainLength, parallel)
                .visibleSize(cols * chainLength, rows * parallel, chainLength, parallel);
    }

    /** Every rule this configuration breaks; empty when it is valid. */
    List<PanelOptionsCheck.Violation> violations() {
        return PanelOptionsCheck.check(this);
    }

    /**
     * For code that builds panels without Spring's binder.
     *
     * @throws IllegalArgumentException listing every violation
     */
    PanelProperties requireValid() {
        List<PanelOptionsCheck.Violation> violations = violations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid panel configuration: " + violations);
        }
        return this;
    }

    @Override
    public boolean supports(Class<?> type) {
        return PanelProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        for (PanelOptionsCheck.Violation v : ((PanelProperties) target).violations()) {
            // The Java name lets Boot find where the value came from (Origin: file, line or environment variable).
            errors.rejectValue(v.field(), "ledmatrix.panel.invalid", v.allowed());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
