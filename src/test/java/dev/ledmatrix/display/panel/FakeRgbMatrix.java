package dev.ledmatrix.display.panel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The test-only functions of the fake librgbmatrix (src/test/c/fake_rgbmatrix.c), built by Maven into
 * target/native. Kept apart from the production binding, which never declares them.
 */
final class FakeRgbMatrix {

    private static final Linker LINKER = Linker.nativeLinker();

    private FakeRgbMatrix() {
    }

    /** Absolute path of the fake library; fails clearly when the build did not produce it. */
    static String path() {
        Path p = Path.of(System.getProperty("ledmatrix.test.fake-rgbmatrix", "target/native/librgbmatrix.so.1"))
                .toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("the fake librgbmatrix was not built at " + p
                    + " (Maven compiles src/test/c/fake_rgbmatrix.c with gcc in generate-test-resources; is gcc installed?)");
        }
        return p.toString();
    }

    private static final class Handles {
        static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup(path(), Arena.global());
        static final MethodHandle LAYOUT = handle("fake_layout", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        static final MethodHandle COPY_RGB = handle("fake_canvas_copy_rgb",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle ACTIVE = handle("fake_matrix_active_canvas", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle SWAPS = handle("fake_matrix_swap_count", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        static final MethodHandle WRITES_TO_ACTIVE = handle("fake_matrix_writes_to_active",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        static final MethodHandle CANVASES = handle("fake_matrix_canvas_count", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle GET_OPTIONS = handle("fake_matrix_get_options",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle LAST_RECEIVED = handle("fake_last_received_options",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle API_CALLS = handle("fake_api_calls", FunctionDescriptor.of(JAVA_LONG));
        static final MethodHandle WOULD_ABORT = handle("fake_would_abort", FunctionDescriptor.of(JAVA_LONG));
        static final MethodHandle LIVE = handle("fake_live_matrices", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle SETENV = LINKER.downcallHandle(LINKER.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        static final MethodHandle UNSETENV = LINKER.downcallHandle(
                LINKER.defaultLookup().find("unsetenv").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));

        private static MethodHandle handle(String name, FunctionDescriptor fd) {
            return LINKER.downcallHandle(LOOKUP.find(name).orElseThrow(), fd);
        }
    }

    /** offsetof / sizeof / alignof / member count as the C compiler sees them; -1 if unknown. */
    static long layout(String key) {
        try (Arena arena = Arena.ofConfined()) {
            return (long) Handles.LAYOUT.invokeExact(arena.allocateFrom(key));
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The RGB bytes of the canvas the matrix is displaying. */
    static byte[] displayedRgb(MemorySegment matrix, int bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(bytes);
            long copied = (long) Handles.COPY_RGB.invokeExact(activeCanvas(matrix), out, (long) bytes);
            if (copied != bytes) {
                throw new AssertionError("canvas holds " + copied + " bytes, expected " + bytes);
            }
            return out.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static MemorySegment activeCanvas(MemorySegment matrix) {
        try {
            return (MemorySegment) Handles.ACTIVE.invokeExact(matrix);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static long swapCount(MemorySegment matrix) {
        return longOf(Handles.SWAPS, matrix);
    }

    /** How often something was drawn into the canvas on display (tearing). */
    static long writesToDisplayed(MemorySegment matrix) {
        return longOf(Handles.WRITES_TO_ACTIVE, matrix);
    }

    static int canvasCount(MemorySegment matrix) {
        try {
            return (int) Handles.CANVASES.invokeExact(matrix);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The options the matrix runs with, read with the production layouts. */
    static Map<String, Object> matrixOptions(MemorySegment matrix, boolean runtime) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment o = arena.allocate(NativeLayouts.MATRIX_OPTIONS);
            MemorySegment rt = arena.allocate(NativeLayouts.RUNTIME_OPTIONS);
            Handles.GET_OPTIONS.invokeExact(matrix, o, rt);
            return runtime ? NativeLayouts.read(NativeLayouts.RUNTIME_OPTIONS, rt)
                    : NativeLayouts.read(NativeLayouts.MATRIX_OPTIONS, o);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * The structs exactly as the last create call received them. Their string pointers point into the
     * caller's memory, so read this while the panel is open.
     */
    static Received lastReceived() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment o = arena.allocate(NativeLayouts.MATRIX_OPTIONS);
            MemorySegment rt = arena.allocate(NativeLayouts.RUNTIME_OPTIONS);
            int nulls = (int) Handles.LAST_RECEIVED.invokeExact(o, rt);
            if (nulls != 0) {
                throw new AssertionError("create received a NULL struct pointer (flags " + nulls + ")");
            }
            return new Received(NativeLayouts.read(NativeLayouts.MATRIX_OPTIONS, o),
                    NativeLayouts.read(NativeLayouts.RUNTIME_OPTIONS, rt));
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    record Received(Map<String, Object> options, Map<String, Object> runtime) {
    }

    /** Calls into the C API (not counting these test functions) since the library was loaded. */
    static long apiCalls() {
        return longOf(Handles.API_CALLS);
    }

    /** Option sets the real library would have answered with abort() or exit(). */
    static long wouldAbort() {
        return longOf(Handles.WOULD_ABORT);
    }

    static int liveMatrices() {
        try {
            return (int) Handles.LIVE.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Sets a process environment variable the fake reads (FAKE_RGBMATRIX_FAIL, FAKE_RGBMATRIX_NO_REFRESH). */
    static void setEnv(String name) {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) Handles.SETENV.invokeExact(arena.allocateFrom(name), arena.allocateFrom("1"), 1);
            if (rc != 0) {
                throw new AssertionError("setenv failed");
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static void unsetEnv(String name) {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) Handles.UNSETENV.invokeExact(arena.allocateFrom(name));
            if (rc != 0) {
                throw new AssertionError("unsetenv failed");
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static long longOf(MethodHandle h, MemorySegment matrix) {
        try {
            return (long) h.invokeExact(matrix);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static long longOf(MethodHandle h) {
        try {
            return (long) h.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
