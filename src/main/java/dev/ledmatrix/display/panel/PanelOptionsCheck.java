package dev.ledmatrix.display.panel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of rpi-rgb-led-matrix's option validation, applied in Java before any native call: values the
 * library rejects (create returns NULL), values that make it abort() (unknown mapping, too many parallel
 * chains) and values it would silently ignore (unknown pixel mapper, gpio-slowdown 0).
 */
final class PanelOptionsCheck {

    /** One broken rule: the record component, the value given and what would be allowed. */
    record Violation(String field, Object value, String allowed) {

        String property() {
            return "ledmatrix.panel." + kebab(field);
        }

        @Override
        public String toString() {
            return property() + "=" + (value instanceof String ? "'" + value + "'" : value) + " (" + allowed + ")";
        }
    }

    /** Hardware mapping names (matched ignoring case, as the library does) and their parallel chains. */
    static final Map<String, Integer> MAX_PARALLEL_BY_MAPPING = orderedMappings();

    /** Beyond this many pixels the refresh rate is unusable; it also keeps frame sizes far from overflow. */
    static final int MAX_PIXELS = 262_144;

    private PanelOptionsCheck() {
    }

    static List<Violation> check(PanelProperties p) {
        List<Violation> out = new ArrayList<>();
        String backend = p.requestedBackend();
        if (!backend.equals(PanelProperties.EMULATOR) && !backend.equals(PanelProperties.NATIVE)) {
            out.add(new Violation("backend", p.backend(), "must be emulator or native"));
        }
        boolean geometryOk = true;
        if (p.rows() < 8 || p.rows() > 64 || p.rows() % 2 != 0) {
            out.add(new Violation("rows", p.rows(), "must be an even number from 8 to 64"));
            geometryOk = false;
        }
        if (p.cols() < 16) {
            out.add(new Violation("cols", p.cols(), "must be at least 16"));
            geometryOk = false;
        }
        if (p.chainLength() < 1) {
            out.add(new Violation("chainLength", p.chainLength(), "must be at least 1"));
            geometryOk = false;
        }
        Integer maxParallel = mapping(p.hardwareMapping()).map(MAX_PARALLEL_BY_MAPPING::get).orElse(null);
        if (maxParallel == null) {
            out.add(new Violation("hardwareMapping", p.hardwareMapping(),
                    "must be one of " + String.join(", ", MAX_PARALLEL_BY_MAPPING.keySet())));
        }
        int parallelLimit = maxParallel == null ? 3 : maxParallel;
        if (p.parallel() < 1 || p.parallel() > parallelLimit) {
            out.add(new Violation("parallel", p.parallel(), parallelLimit == 1
                    ? "must be 1 with hardware-mapping " + p.hardwareMapping()
                    : "must be from 1 to " + parallelLimit
                            + (maxParallel == null ? "" : " with hardware-mapping " + p.hardwareMapping())));
            geometryOk = false;
        }
        if (geometryOk && (long) p.rows() * p.cols() * p.chainLength() * p.parallel() > MAX_PIXELS) {
            out.add(new Violation("chainLength", p.chainLength(),
                    "rows × cols × chain-length × parallel must not exceed " + MAX_PIXELS + " pixels"));
            geometryOk = false;
        }
        range(out, "brightness", p.brightness(), 1, 100);
        range(out, "pwmBits", p.pwmBits(), 1, 11);
        range(out, "pwmLsbNanoseconds", p.pwmLsbNanoseconds(), 50, 3000);
        range(out, "pwmDitherBits", p.pwmDitherBits(), 0, 2);
        range(out, "scanMode", p.scanMode(), 0, 1);
        range(out, "rowAddressType", p.rowAddressType(), 0, 5);
        range(out, "multiplexing", p.multiplexing(), 0, 22);
        if (geometryOk) {
            checkMultiplexedRows(out, p);
        }
        Integer slowdown = p.gpioSlowdown();
        if (slowdown != null && (slowdown < -1 || slowdown > 10 || slowdown == 0)) {
            out.add(new Violation("gpioSlowdown", slowdown, "must be -1 or from 1 to 10; 0 cannot be passed"
                    + " through the C API (a zero field means 'library default'), leave it unset for the default"));
        }
        if (p.limitRefreshRateHz() != null && p.limitRefreshRateHz() < 0) {
            out.add(new Violation("limitRefreshRateHz", p.limitRefreshRateHz(), "must be 0 (no limit) or more"));
        }
        if (p.ledRgbSequence() != null && !isRgbPermutation(p.ledRgbSequence())) {
            out.add(new Violation("ledRgbSequence", p.ledRgbSequence(),
                    "must be the letters R, G and B in any order, e.g. RGB, RBG, GRB"));
        }
        if (p.panelType() != null && !p.panelType().equalsIgnoreCase("FM6126A")
                && !p.panelType().equalsIgnoreCase("FM6127")) {
            out.add(new Violation("panelType", p.panelType(), "must be FM6126A or FM6127, or unset"));
        }
        if (geometryOk) {
            checkPixelMapper(out, p);
        }
        if (backend.equals(PanelProperties.NATIVE) && (p.libraryPath() == null || p.libraryPath().isBlank())) {
            out.add(new Violation("libraryPath", p.libraryPath(), "must name the librgbmatrix shared library"));
        }
        return out;
    }

    /**
     * By how much each multiplexer (1..22, upstream's registration order) divides the rows before the library's
     * framebuffer sees them; the framebuffer then asserts 4..64 even rows, and a failed assertion aborts.
     */
    static final int[] MUX_ROW_DIVISOR = {2, 2, 2, 2, 2, 2, 4, 2, 4, 2, 2, 2, 2, 2, 4, 2, 2, 4, 2, 2, 2, 2};

    private static void checkMultiplexedRows(List<Violation> out, PanelProperties p) {
        Integer mux = p.multiplexing();
        if (mux == null || mux < 1 || mux > MUX_ROW_DIVISOR.length) {
            return;
        }
        int divisor = MUX_ROW_DIVISOR[mux - 1];
        int physical = p.rows() / divisor;
        if (physical < 4 || physical % 2 != 0) {
            out.add(new Violation("rows", p.rows(), "with multiplexing=" + mux + " the library drives the panel as"
                    + " rows / " + divisor + " = " + physical + " physical rows, which must be an even number of at"
                    + " least 4 (the library aborts otherwise); use a multiple of " + 2 * divisor + " from "
                    + 4 * divisor + " to 64, or another multiplexing"));
        }
    }

    /** The canonical name of a known hardware mapping. */
    static Optional<String> mapping(String name) {
        return MAX_PARALLEL_BY_MAPPING.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }

    private static void checkPixelMapper(List<Violation> out, PanelProperties p) {
        try {
            PixelMapperConfig mappers = PixelMapperConfig.parse(p.pixelMapperConfig(), p.chainLength(), p.parallel());
            int[] size = mappers.visibleSize(p.cols() * p.chainLength(), p.rows() * p.parallel(),
                    p.chainLength(), p.parallel());
            if (size[0] < 1 || size[1] < 1) {
                out.add(new Violation("pixelMapperConfig", p.pixelMapperConfig(),
                        "turns the panel into an empty " + size[0] + "×" + size[1] + " canvas"));
            }
        } catch (IllegalArgumentException e) {
            out.add(new Violation("pixelMapperConfig", p.pixelMapperConfig(), e.getMessage()));
        }
    }

    private static void range(List<Violation> out, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            out.add(new Violation(field, value, "must be from " + min + " to " + max));
        }
    }

    private static boolean isRgbPermutation(String s) {
        String upper = s.toUpperCase(Locale.ROOT);
        return upper.length() == 3 && upper.indexOf('R') >= 0 && upper.indexOf('G') >= 0 && upper.indexOf('B') >= 0;
    }

    private static Map<String, Integer> orderedMappings() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("regular", 3);
        m.put("adafruit-hat", 1);
        m.put("adafruit-hat-pwm", 1);
        m.put("regular-pi1", 1);
        m.put("classic", 3);
        m.put("classic-pi1", 1);
        // Only in libraries built with ENABLE_WIDE_GPIO_COMPUTE_MODULE; checked against the host on open.
        m.put("compute-module", 6);
        return Collections.unmodifiableMap(m);
    }

    static String kebab(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
