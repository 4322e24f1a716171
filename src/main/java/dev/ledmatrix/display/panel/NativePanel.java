package dev.ledmatrix.display.panel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.graphics.Frame;

/**
 * The real panel through librgbmatrix's C API (FFM). Double-buffered: each frame is copied into one
 * preallocated native buffer, drawn into the offscreen canvas with one {@code set_image} call and shown
 * with {@code led_matrix_swap_on_vsync}, whose result (the canvas that was on display) becomes the next
 * offscreen canvas. Nothing is allocated per frame.
 */
final class NativePanel implements Panel {

    private static final Logger log = LoggerFactory.getLogger(NativePanel.class);

    private final RgbMatrixLibrary library;
    /** Option strings, structs and the pixel buffer: alive exactly as long as the matrix. */
    private final Arena arena;
    private final MemorySegment matrix;
    private final MemorySegment pixels;
    private final int width;
    private final int height;
    private final Map<String, Object> appliedOptions;
    private final Map<String, Object> appliedRuntime;
    /** One render thread pushes; close and brightness may come from others. */
    private final ReentrantLock lock = new ReentrantLock();

    /** Address of the canvas the next frame is drawn into; never the one on display. */
    private long offscreen;
    private int brightness;
    private boolean hasFrame;
    private boolean closed;
    private String failure;

    private NativePanel(RgbMatrixLibrary library, Arena arena, MemorySegment matrix, long offscreen,
            int width, int height, NativeOptions options) {
        this.library = library;
        this.arena = arena;
        this.matrix = matrix;
        this.offscreen = offscreen;
        this.width = width;
        this.height = height;
        this.pixels = arena.allocate((long) width * height * 3);
        this.appliedOptions = options.readOptions();
        this.appliedRuntime = options.readRuntime();
        this.brightness = (Integer) appliedOptions.get("brightness");
    }

    /**
     * Checks the options and the host, loads the library and creates the matrix with one offscreen canvas.
     *
     * @throws IllegalArgumentException  if the options are invalid (before anything native happens)
     * @throws NativePanelException      if the host, the library or the matrix creation says no
     */
    static NativePanel open(PanelProperties properties, HostFacts host) {
        properties.requireValid();
        PanelPreflight.problem(properties, host).ifPresent(problem -> {
            throw new NativePanelException(problem);
        });
        RgbMatrixLibrary library = RgbMatrixLibrary.load(properties.libraryPath());
        Arena arena = Arena.ofShared();
        try {
            NativeOptions options = NativeOptions.write(properties, arena);
            MemorySegment matrix = library.create(options.options(), options.runtime());
            if (matrix.address() == 0) {
                throw new NativePanelException("led_matrix_create_from_options_and_rt_options returned NULL:"
                        + " the library refused the options or could not reach the panel hardware (it printed"
                        + " why on stderr); options as the library saw them: " + options.readOptions()
                        + " " + options.readRuntime());
            }
            try {
                long canvas = library.createOffscreenCanvas(matrix);
                if (canvas == 0) {
                    throw new NativePanelException("led_matrix_create_offscreen_canvas returned NULL");
                }
                int[] size = library.canvasSize(canvas);
                if (!Arrays.equals(size, properties.visibleSize())) {
                    log.warn("the library's canvas is {}×{}, the configuration implies {}×{}; using the library's",
                            size[0], size[1], properties.visibleSize()[0], properties.visibleSize()[1]);
                }
                NativePanel panel = new NativePanel(library, arena, matrix, canvas, size[0], size[1], options);
                log.info("native panel {}×{} from {}; options used: {} {}", size[0], size[1], library.path(),
                        panel.appliedOptions, panel.appliedRuntime);
                return panel;
            } catch (RuntimeException e) {
                library.delete(matrix);
                throw e;
            }
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public String backend() {
        return PanelProperties.NATIVE;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void push(Frame frame) {
        EmulatorPanel.checkSize(frame, width, height);
        lock.lock();
        try {
            checkUsable();
            frame.copyTo(pixels);
            show();
            hasFrame = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setBrightness(int percent) {
        EmulatorPanel.checkBrightness(percent);
        lock.lock();
        try {
            checkUsable();
            library.setBrightness(matrix, percent);
            brightness = percent;
            // The library applies brightness while drawing, so what is on display must be drawn again.
            if (hasFrame) {
                show();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int brightness() {
        lock.lock();
        try {
            return brightness;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the matrix: the library stops refreshing and blanks the LEDs. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                library.delete(matrix);
            } finally {
                arena.close();
            }
            log.info("native panel closed");
        } finally {
            lock.unlock();
        }
    }

    /** Draws the buffer into the offscreen canvas and swaps it in; the canvas that was shown is next. */
    private void show() {
        library.setImage(offscreen, pixels, pixels.byteSize(), width, height);
        long previous = library.swapOnVsync(matrix, offscreen);
        if (previous == 0) {
            failure = "led_matrix_swap_on_vsync returned NULL: the library has no refresh thread";
            throw new NativePanelException(failure);
        }
        offscreen = previous;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the native panel is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("the native panel failed: " + failure);
        }
    }

    /** The option values the library reported back after creation (C field names). */
    Map<String, Object> appliedOptions() {
        return appliedOptions;
    }

    Map<String, Object> appliedRuntime() {
        return appliedRuntime;
    }

    MemorySegment matrixHandle() {
        return matrix;
    }

    /** The canvas the next frame will be drawn into. */
    long offscreenAddress() {
        lock.lock();
        try {
            return offscreen;
        } finally {
            lock.unlock();
        }
    }
}
