package dev.ledmatrix.display.panel;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.ledmatrix.graphics.Frame;

/**
 * The in-memory panel: same geometry and option checks as the real one, no hardware. It keeps the last
 * frame pushed and counts pushes, so tests (and the fallback when the native panel cannot open) have
 * something to look at.
 */
public final class EmulatorPanel implements Panel {

    private final int width;
    private final int height;
    private final AtomicLong pushes = new AtomicLong();
    private volatile Frame lastFrame;
    private volatile int brightness;
    private volatile boolean closed;

    /** A panel of this size at full brightness (for tests of code that drives a panel). */
    public EmulatorPanel(int width, int height) {
        this(width, height, 100);
    }

    /** The panel the configuration describes; rejects an invalid configuration like the native one. */
    EmulatorPanel(PanelProperties properties) {
        this(properties.requireValid().visibleSize()[0], properties.visibleSize()[1], properties.brightness());
    }

    private EmulatorPanel(int width, int height, int brightness) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("panel must be at least 1×1, got " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        this.brightness = checkBrightness(brightness);
    }

    @Override
    public String backend() {
        return PanelProperties.EMULATOR;
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
        checkOpen();
        checkSize(frame, width, height);
        lastFrame = frame;
        pushes.incrementAndGet();
    }

    @Override
    public void setBrightness(int percent) {
        checkBrightness(percent);
        checkOpen();
        brightness = percent;
    }

    @Override
    public int brightness() {
        return brightness;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The frame on display, if any was pushed. */
    public Optional<Frame> lastFrame() {
        return Optional.ofNullable(lastFrame);
    }

    /** How many frames were pushed. */
    public long pushCount() {
        return pushes.get();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the emulator panel is closed");
        }
    }

    static int checkBrightness(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("brightness must be from 1 to 100, got " + percent);
        }
        return percent;
    }

    static void checkSize(Frame frame, int width, int height) {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "×" + frame.height()
                    + " but the panel is " + width + "×" + height);
        }
    }
}
