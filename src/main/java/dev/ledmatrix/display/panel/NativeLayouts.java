package dev.ledmatrix.display.panel;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The option structs of librgbmatrix's C API, member by member in declaration order with explicit
 * padding, for the library generation that has {@code rp1_rio} in the runtime options (2026-04 on).
 * The soname did not change when these layouts did, and the options struct kept its size, so only the
 * offsets tell generations apart: the layout test compares every offset with what gcc computes.
 * Padding follows the pointer size, so the same code describes LP64 (aarch64) and ILP32 (armhf).
 */
final class NativeLayouts {

    private static final long POINTER = ADDRESS.byteSize();

    /** C {@code bool} is one byte on every ABI the library runs on. */
    private static final ValueLayout.OfBoolean BOOL = JAVA_BOOLEAN;

    /** A C string pointer: readable up to its terminating NUL. */
    private static final AddressLayout C_STRING = ADDRESS.withTargetLayout(
            MemoryLayout.sequenceLayout(Integer.MAX_VALUE, ValueLayout.JAVA_BYTE));

    /** {@code struct RGBLedMatrixOptions}: 88 bytes on LP64, 72 on ILP32. */
    static final StructLayout MATRIX_OPTIONS = MemoryLayout.structLayout(
            C_STRING.withName("hardware_mapping"),
            JAVA_INT.withName("rows"),
            JAVA_INT.withName("cols"),
            JAVA_INT.withName("chain_length"),
            JAVA_INT.withName("parallel"),
            JAVA_INT.withName("pwm_bits"),
            JAVA_INT.withName("pwm_lsb_nanoseconds"),
            JAVA_INT.withName("pwm_dither_bits"),
            JAVA_INT.withName("brightness"),
            JAVA_INT.withName("scan_mode"),
            JAVA_INT.withName("row_address_type"),
            JAVA_INT.withName("multiplexing"),
            BOOL.withName("disable_hardware_pulsing"),
            BOOL.withName("show_refresh_rate"),
            BOOL.withName("inverse_colors"),
            MemoryLayout.paddingLayout(1), // 3 bools after an int-aligned offset: 1 byte to the next pointer
            C_STRING.withName("led_rgb_sequence"),
            C_STRING.withName("pixel_mapper_config"),
            C_STRING.withName("panel_type"),
            JAVA_INT.withName("limit_refresh_rate_hz"),
            BOOL.withName("disable_busy_waiting"),
            MemoryLayout.paddingLayout(3) // tail: int + bool, rounded up to the pointer alignment
    ).withName("RGBLedMatrixOptions");

    /** {@code struct RGBLedRuntimeOptions}: 40 bytes on LP64, 28 on ILP32. */
    static final StructLayout RUNTIME_OPTIONS = MemoryLayout.structLayout(
            JAVA_INT.withName("gpio_slowdown"),
            JAVA_INT.withName("rp1_rio"),
            JAVA_INT.withName("daemon"),
            JAVA_INT.withName("drop_privileges"),
            BOOL.withName("do_gpio_init"),
            MemoryLayout.paddingLayout(POINTER - 1),
            C_STRING.withName("drop_priv_user"),
            C_STRING.withName("drop_priv_group")
    ).withName("RGBLedRuntimeOptions");

    private NativeLayouts() {
    }

    static long offset(StructLayout layout, String member) {
        return layout.byteOffset(groupElement(member));
    }

    static void setInt(MemorySegment struct, StructLayout layout, String member, int value) {
        struct.set(JAVA_INT, offset(layout, member), value);
    }

    static void setBool(MemorySegment struct, StructLayout layout, String member, boolean value) {
        struct.set(BOOL, offset(layout, member), value);
    }

    static void setPointer(MemorySegment struct, StructLayout layout, String member, MemorySegment value) {
        struct.set(ADDRESS, offset(layout, member), value);
    }

    /**
     * Every named member as Java values (Integer, Boolean, String or null for a NULL pointer), in
     * declaration order: how the binding reads back the values the library wrote into the structs.
     */
    static Map<String, Object> read(StructLayout layout, MemorySegment struct) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MemoryLayout member : layout.memberLayouts()) {
            if (member.name().isEmpty()) {
                continue; // padding
            }
            String name = member.name().get();
            long offset = layout.byteOffset(groupElement(name));
            Object value = switch (member) {
                case ValueLayout.OfInt i -> struct.get(i, offset);
                case ValueLayout.OfBoolean b -> struct.get(b, offset);
                case AddressLayout a -> {
                    MemorySegment p = struct.get(a, offset);
                    yield p.address() == 0 ? null : p.getString(0);
                }
                default -> throw new IllegalStateException("unexpected member " + member);
            };
            values.put(name, value);
        }
        return values;
    }
}
