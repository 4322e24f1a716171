package dev.ledmatrix.display.panel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
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

    private final String path;
    private final MethodHandle create;
    private final MethodHandle delete;
    private final MethodHandle createOffscreenCanvas;
    private final MethodHandle swapOnVsync;
    private final MethodHandle canvasGetSize;
    private final MethodHandle setImage;
    private final MethodHandle setBrightness;

    private RgbMatrixLibrary(String path, SymbolLookup lookup, Linker linker) {
        this.path = path;
        create = bind(lookup, linker, "led_matrix_create_from_options_and_rt_options",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        delete = bind(lookup, linker, "led_matrix_delete", FunctionDescriptor.ofVoid(ADDRESS));
        createOffscreenCanvas = bind(lookup, linker, "led_matrix_create_offscreen_canvas",
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        swapOnVsync = bind(lookup, linker, "led_matrix_swap_on_vsync", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        canvasGetSize = bind(lookup, linker, "led_canvas_get_size", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        MemoryLayout sizeT = linker.canonicalLayouts().get("size_t");
        MethodHandle image = bind(lookup, linker, "set_image",
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, sizeT, JAVA_INT, JAVA_INT, JAVA_BYTE));
        // Callers always pass the size as a long; on ILP32 size_t is an int.
        setImage = MethodHandles.explicitCastArguments(image, MethodType.methodType(void.class,
                MemorySegment.class, int.class, int.class, MemorySegment.class, long.class, int.class, int.class,
                byte.class));
        setBrightness = bind(lookup, linker, "led_matrix_set_brightness", FunctionDescriptor.ofVoid(ADDRESS, JAVA_BYTE));
    }

    /**
     * Loads the library (by path, or by soname through the usual search path) for the rest of the process:
     * unloading a library whose C++ statics and refresh thread have run is not worth the risk.
     *
     * @throws NativePanelException if it cannot be loaded, lacks a function, or is of another generation
     */
    static RgbMatrixLibrary load(String libraryPath) {
        SymbolLookup lookup;
        Linker linker;
        try {
            linker = Linker.nativeLinker();
            lookup = SymbolLookup.libraryLookup(libraryPath, Arena.global());
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalCallerException e) {
            throw new NativePanelException("cannot load the native library '" + libraryPath
                    + "' (ledmatrix.panel.library-path): " + e.getMessage());
        }
        if (lookup.find(GENERATION_MARKER).isEmpty()) {
            throw new NativePanelException("'" + libraryPath + "' is an rpi-rgb-led-matrix build older than 2026-04"
                    + " (no " + GENERATION_MARKER + "): its runtime options struct has no rp1_rio field and this"
                    + " binding would pass it misaligned options; rebuild the library from a current commit");
        }
        return new RgbMatrixLibrary(libraryPath, lookup, linker);
    }

    private static MethodHandle bind(SymbolLookup lookup, Linker linker, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new NativePanelException(
                "the native library lacks " + name + "; is it librgbmatrix?"));
        return linker.downcallHandle(symbol, fd);
    }

    String path() {
        return path;
    }

    MemorySegment create(MemorySegment options, MemorySegment runtimeOptions) {
        try {
            return (MemorySegment) create.invokeExact(options, runtimeOptions);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void delete(MemorySegment matrix) {
        try {
            delete.invokeExact(matrix);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    MemorySegment createOffscreenCanvas(MemorySegment matrix) {
        try {
            return (MemorySegment) createOffscreenCanvas.invokeExact(matrix);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Queues {@code canvas} for display and returns the canvas that was shown (NULL if no refresh thread). */
    MemorySegment swapOnVsync(MemorySegment matrix, MemorySegment canvas) {
        try {
            return (MemorySegment) swapOnVsync.invokeExact(matrix, canvas);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {width, height} of a canvas. */
    int[] canvasSize(MemorySegment canvas) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment w = scratch.allocate(JAVA_INT);
            MemorySegment h = scratch.allocate(JAVA_INT);
            canvasGetSize.invokeExact(canvas, w, h);
            return new int[] {w.get(JAVA_INT, 0), h.get(JAVA_INT, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Draws packed RGB rows into the canvas at (0,0). */
    void setImage(MemorySegment canvas, MemorySegment rgb, long bytes, int width, int height) {
        try {
            setImage.invokeExact(canvas, 0, 0, rgb, bytes, width, height, (byte) 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void setBrightness(MemorySegment matrix, int percent) {
        try {
            setBrightness.invokeExact(matrix, (byte) percent);
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
