package dev.ledmatrix.display.panel;

import dev.ledmatrix.graphics.Frame;

/**
 * The LED panel the render loop shows frames on: the real matrix through librgbmatrix, or an in-memory
 * emulator. Not thread-safe for concurrent pushes by design of the hardware (one render thread pushes);
 * {@link #close()} may come from another thread.
 */
public interface Panel extends AutoCloseable {

    /** {@code "emulator"} or {@code "native"}. */
    String backend();

    /** Visible width in pixels (cols × chain-length, after any pixel mapper). */
    int width();

    /** Visible height in pixels (rows × parallel, after any pixel mapper). */
    int height();

    /**
     * Shows this frame. The native panel draws it into its offscreen canvas and swaps on vsync, so this
     * may block for up to one refresh period: call it from a platform thread.
     *
     * @throws IllegalArgumentException if the frame is not {@link #width()} × {@link #height()}
     * @throws IllegalStateException after {@link #close()}
     */
    void push(Frame frame);

    /**
     * Sets the brightness in percent and redraws the last frame with it.
     *
     * @throws IllegalArgumentException unless 1..100
     */
    void setBrightness(int percent);

    int brightness();

    /** Idempotent. The native panel deletes the matrix, which blanks the LEDs. */
    @Override
    void close();
}
