package dev.ledmatrix.graphics;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a plugin draws on: a mutable RGB surface the size of the display. Drawing outside the canvas is
 * clipped, never an error, as on the native library's canvas.
 */
public final class Canvas {

    private final int width;
    private final int height;
    private final byte[] rgb;

    public Canvas(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("canvas must be at least 1×1, got " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        this.rgb = new byte[width * height * 3];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public void setPixel(int x, int y, Color color) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return;
        }
        int i = (y * width + x) * 3;
        rgb[i] = (byte) color.r();
        rgb[i + 1] = (byte) color.g();
        rgb[i + 2] = (byte) color.b();
    }

    public Color getPixel(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") is outside " + width + "×" + height);
        }
        int i = (y * width + x) * 3;
        return new Color(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF);
    }

    public void clear() {
        Arrays.fill(rgb, (byte) 0);
    }

    public void fill(Color color) {
        fillRect(0, 0, width, height, color);
    }

    /** Fills the rectangle, clipped to the canvas. */
    public void fillRect(int x, int y, int w, int h, Color color) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        for (int row = y0; row < y1; row++) {
            for (int col = x0; col < x1; col++) {
                setPixel(col, row, color);
            }
        }
    }

    /** A straight line from (x0,y0) to (x1,y1), both ends included (Bresenham). */
    public void drawLine(int x0, int y0, int x1, int y1, Color color) {
        if (x0 > x1 || (x0 == x1 && y0 > y1)) {
            // Always walk left to right: Bresenham breaks ties by direction, and a line must be the same
            // pixels both ways (or drawing it again in black to erase it leaves a dot behind).
            drawLine(x1, y1, x0, y0, color);
            return;
        }
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            setPixel(x0, y0, color);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    public void drawRect(int x, int y, int w, int h, Color color) {
        if (w <= 0 || h <= 0) {
            return;
        }
        drawLine(x, y, x + w - 1, y, color);
        drawLine(x, y + h - 1, x + w - 1, y + h - 1, color);
        drawLine(x, y, x, y + h - 1, color);
        drawLine(x + w - 1, y, x + w - 1, y + h - 1, color);
    }

    /** Draws a frame (an image) with its top-left corner at (x,y), clipped. */
    public void drawImage(int x, int y, Frame image) {
        for (int row = 0; row < image.height(); row++) {
            for (int col = 0; col < image.width(); col++) {
                setPixel(x + col, y + row, image.pixel(col, row));
            }
        }
    }

    /** Copies every pixel of a canvas of the same size onto this one. */
    public void copyFrom(Canvas other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("canvas sizes differ: " + other.width + "×" + other.height
                    + " onto " + width + "×" + height);
        }
        System.arraycopy(other.rgb, 0, rgb, 0, rgb.length);
    }

    /**
     * Draws {@code text} in one of the shipped fonts with the pen starting at {@code x} on the baseline row
     * {@code baselineY} ({@code font.bitmap().baseline()} puts the text at the top edge), clipped.
     *
     * @return the advance in pixels, where the next text would start relative to {@code x}
     */
    public int drawText(Font font, int x, int baselineY, Color color, String text) {
        return drawText(Objects.requireNonNull(font, "font").bitmap(), x, baselineY, color, text);
    }

    /** As {@link #drawText(Font, int, int, Color, String)}, in any BDF font (e.g. one a plugin ships). */
    public int drawText(BitmapFont font, int x, int baselineY, Color color, String text) {
        return Objects.requireNonNull(font, "font").draw(this, x, baselineY, color, text);
    }

    /** An immutable copy of what is on the canvas now. */
    public Frame snapshot() {
        return Frame.wrap(width, height, rgb.clone());
    }

    /** Whether the canvas shows exactly {@code frame}: lets the render loop skip identical frames for free. */
    public boolean matches(Frame frame) {
        return frame != null && frame.width() == width && frame.height() == height && frame.sameContentAs(rgb);
    }
}
