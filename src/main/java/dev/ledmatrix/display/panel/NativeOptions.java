package dev.ledmatrix.display.panel;

import static dev.ledmatrix.display.panel.NativeLayouts.MATRIX_OPTIONS;
import static dev.ledmatrix.display.panel.NativeLayouts.RUNTIME_OPTIONS;
import static dev.ledmatrix.display.panel.NativeLayouts.setBool;
import static dev.ledmatrix.display.panel.NativeLayouts.setInt;
import static dev.ledmatrix.display.panel.NativeLayouts.setPointer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The two option structs filled from {@link PanelProperties}. The library copies a field only when it is
 * non-zero, so an unset option is written as 0 / NULL and the library's default applies; after creation
 * the structs hold the values the library actually used.
 *
 * @param options a {@code struct RGBLedMatrixOptions} in the arena
 * @param runtime a {@code struct RGBLedRuntimeOptions} in the arena
 */
record NativeOptions(MemorySegment options, MemorySegment runtime) {

    /**
     * {@code drop_privileges}: -1 keeps them. 0 would mean "default", which is 1: after init the library
     * would setresuid the whole JVM to {@code daemon}.
     */
    static final int KEEP_PRIVILEGES = -1;

    /** {@code daemon}: 0 runs the refresh thread in this process; 1 would fork() a multi-threaded JVM. */
    static final int FOREGROUND = 0;

    /** Writes the structs; strings are allocated in {@code arena}, which must live as long as the matrix. */
    static NativeOptions write(PanelProperties p, Arena arena) {
        MemorySegment o = arena.allocate(MATRIX_OPTIONS); // zero-filled: every unset field means "default"
        setPointer(o, MATRIX_OPTIONS, "hardware_mapping",
                string(PanelOptionsCheck.mapping(p.hardwareMapping()).orElse(p.hardwareMapping()), arena));
        setInt(o, MATRIX_OPTIONS, "rows", p.rows());
        setInt(o, MATRIX_OPTIONS, "cols", p.cols());
        setInt(o, MATRIX_OPTIONS, "chain_length", p.chainLength());
        setInt(o, MATRIX_OPTIONS, "parallel", p.parallel());
        setInt(o, MATRIX_OPTIONS, "pwm_bits", orZero(p.pwmBits()));
        setInt(o, MATRIX_OPTIONS, "pwm_lsb_nanoseconds", orZero(p.pwmLsbNanoseconds()));
        setInt(o, MATRIX_OPTIONS, "pwm_dither_bits", orZero(p.pwmDitherBits()));
        setInt(o, MATRIX_OPTIONS, "brightness", p.brightness());
        setInt(o, MATRIX_OPTIONS, "scan_mode", orZero(p.scanMode()));
        setInt(o, MATRIX_OPTIONS, "row_address_type", orZero(p.rowAddressType()));
        setInt(o, MATRIX_OPTIONS, "multiplexing", orZero(p.multiplexing()));
        setBool(o, MATRIX_OPTIONS, "disable_hardware_pulsing", p.disableHardwarePulsing());
        setBool(o, MATRIX_OPTIONS, "show_refresh_rate", p.showRefreshRate());
        setBool(o, MATRIX_OPTIONS, "inverse_colors", p.inverseColors());
        setPointer(o, MATRIX_OPTIONS, "led_rgb_sequence", string(p.ledRgbSequence(), arena));
        setPointer(o, MATRIX_OPTIONS, "pixel_mapper_config", string(p.pixelMapperConfig(), arena));
        setPointer(o, MATRIX_OPTIONS, "panel_type", string(p.panelType(), arena));
        setInt(o, MATRIX_OPTIONS, "limit_refresh_rate_hz", orZero(p.limitRefreshRateHz()));
        setBool(o, MATRIX_OPTIONS, "disable_busy_waiting", p.disableBusyWaiting());

        MemorySegment rt = arena.allocate(RUNTIME_OPTIONS);
        setInt(rt, RUNTIME_OPTIONS, "gpio_slowdown", orZero(p.gpioSlowdown()));
        setInt(rt, RUNTIME_OPTIONS, "rp1_rio", p.rp1Rio() ? 1 : 0);
        setInt(rt, RUNTIME_OPTIONS, "daemon", FOREGROUND);
        setInt(rt, RUNTIME_OPTIONS, "drop_privileges", KEEP_PRIVILEGES);
        // do_gpio_init stays 0: the library ignores false there anyway (its default, true, applies).
        // drop_priv_user / drop_priv_group stay NULL: privileges are never dropped.
        return new NativeOptions(o, rt);
    }

    /** The matrix options as they are now (after creation: the values the library used). */
    Map<String, Object> readOptions() {
        return NativeLayouts.read(MATRIX_OPTIONS, options);
    }

    /** The runtime options as they are now. */
    Map<String, Object> readRuntime() {
        return NativeLayouts.read(RUNTIME_OPTIONS, runtime);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static MemorySegment string(String s, Arena arena) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
