package dev.ledmatrix.display.panel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Downcall handles for the part of librgbmatrix's C API the panel uses. Each method is one native call
 * and allocates nothing itself.
 */
final class RgbMatrixLibrary {

    /** Exported by the RP1 (Pi 5) code that came with {@code rp1_rio} in the runtime options (2026-04). */
    static final String GENERATION_MARKER = "pio_open";

    /*
     * Address-less downcall handles (the function pointer is the first argument) kept in static finals:
     * constant handles let the JIT inline the downcall and drop the boxing of pointer arguments and
     * results, which keeps the per-frame path free of allocation.
     */
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CREATE = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle DELETE = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle CREATE_OFFSCREEN_CANVAS = LINKER.downcallHandle(
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle SWAP_ON_VSYNC = LINKER.downcallHandle(
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle CANVAS_GET_SIZE = LINKER.downcallHandle(
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    /** Callers always pass the size as a long; on ILP32 size_t is an int. */
    private static final MethodHandle SET_IMAGE = MethodHandles.explicitCastArguments(
            LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS,
                    LINKER.canonicalLayouts().get("size_t"), JAVA_INT, JAVA_INT, JAVA_BYTE)),
            MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class, int.class, int.class,
                    MemorySegment.class, long.class, int.class, int.class, byte.class));
    private static final MethodHandle SET_BRIGHTNESS = LINKER.downcallHandle(
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_BYTE));

    private final String path;
    private final MemorySegment create;
    private final MemorySegment delete;
    private final MemorySegment createOffscreenCanvas;
    private final MemorySegment swapOnVsync;
    private final MemorySegment canvasGetSize;
    private final MemorySegment setImage;
    private final MemorySegment setBrightness;

    private RgbMatrixLibrary(String path, SymbolLookup lookup) {
        this.path = path;
        create = symbol(lookup, "led_matrix_create_from_options_and_rt_options");
        delete = symbol(lookup, "led_matrix_delete");
        createOffscreenCanvas = symbol(lookup, "led_matrix_create_offscreen_canvas");
        swapOnVsync = symbol(lookup, "led_matrix_swap_on_vsync");
        canvasGetSize = symbol(lookup, "led_canvas_get_size");
        setImage = symbol(lookup, "set_image");
        setBrightness = symbol(lookup, "led_matrix_set_brightness");
    }

    /**
     * Loads the library (by path, or by soname through the usual search path) for the rest of the process:
     * unloading a library whose C++ statics and refresh thread have run is not worth the risk.
     *
     * @throws NativePanelException if it cannot be loaded, lacks a function, or is of another generation
     */
    static RgbMatrixLibrary load(String libraryPath) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(libraryPath, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new NativePanelException("cannot load the native library '" + libraryPath
                    + "' (ledmatrix.panel.library-path): " + e.getMessage());
        }
        if (lookup.find(GENERATION_MARKER).isEmpty()) {
            throw new NativePanelException("'" + libraryPath + "' is an rpi-rgb-led-matrix build older than 2026-04"
                    + " (no " + GENERATION_MARKER + "): its runtime options struct has no rp1_rio field and this"
                    + " binding would pass it misaligned options; rebuild the library from a current commit");
        }
        return new RgbMatrixLibrary(libraryPath, lookup);
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new NativePanelException(
                "the native library lacks " + name + "; is it librgbmatrix?"));
    }

    String path() {
        return path;
    }

    MemorySegment create(MemorySegment options, MemorySegment runtimeOptions) {
        try {
            return (MemorySegment) CREATE.invokeExact(create, options, runtimeOptions);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void delete(MemorySegment matrix) {
        try {
            DELETE.invokeExact(delete, matrix);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The address of a new canvas owned by the matrix (0 on failure). */
    long createOffscreenCanvas(MemorySegment matrix) {
        try {
            return ((MemorySegment) CREATE_OFFSCREEN_CANVAS.invokeExact(createOffscreenCanvas, matrix)).address();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Queues {@code canvas} for display and returns the address of the canvas that was shown (0 if the
     * library has no refresh thread). Canvases travel as addresses so no wrapper object outlives a call.
     */
    long swapOnVsync(MemorySegment matrix, long canvas) {
        try {
            return ((MemorySegment) SWAP_ON_VSYNC.invokeExact(swapOnVsync, matrix, MemorySegment.ofAddress(canvas)))
                    .address();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {width, height} of a canvas. */
    int[] canvasSize(long canvas) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment w = scratch.allocate(JAVA_INT);
            MemorySegment h = scratch.allocate(JAVA_INT);
            CANVAS_GET_SIZE.invokeExact(canvasGetSize, MemorySegment.ofAddress(canvas), w, h);
            return new int[] {w.get(JAVA_INT, 0), h.get(JAVA_INT, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Draws packed RGB rows into the canvas at (0,0). */
    void setImage(long canvas, MemorySegment rgb, long bytes, int width, int height) {
        try {
            SET_IMAGE.invokeExact(setImage, MemorySegment.ofAddress(canvas), 0, 0, rgb, bytes, width, height, (byte) 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void setBrightness(MemorySegment matrix, int percent) {
        try {
            SET_BRIGHTNESS.invokeExact(setBrightness, matrix, (byte) percent);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
