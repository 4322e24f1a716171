package dev.ledmatrix.graphics;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * An immutable picture of the whole display: {@code width × height} pixels as packed RGB bytes, row by
 * row, the byte order the native library's {@code set_image} takes.
 */
public final class Frame {

    private final int width;
    private final int height;
    private final byte[] rgb;

    private Frame(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** A frame from packed RGB bytes; the array is copied. */
    public static Frame of(int width, int height, byte[] rgb) {
        if (width < 1 || height < 1 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("need " + width + "×" + height + "×3 bytes, got " + rgb.length);
        }
        return new Frame(width, height, rgb.clone());
    }

    /** Takes ownership of the array; only for code that never touches it again. */
    static Frame wrap(int width, int height, byte[] rgb) {
        return new Frame(width, height, rgb);
    }

    public static Frame black(int width, int height) {
        return new Frame(width, height, new byte[width * height * 3]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int byteSize() {
        return rgb.length;
    }

    public Color pixel(int x, int y) {
        int i = (y * width + x) * 3;
        return new Color(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF);
    }

    /** A copy of the packed RGB bytes. */
    public byte[] toRgbBytes() {
        return rgb.clone();
    }

    /** Copies the packed RGB bytes into native (or heap) memory without allocating. */
    public void copyTo(MemorySegment target) {
        MemorySegment.copy(rgb, 0, target, ValueLayout.JAVA_BYTE, 0, rgb.length);
    }

    /** Copies the packed RGB bytes into {@code target} without allocating. */
    public void copyTo(byte[] target) {
        System.arraycopy(rgb, 0, target, 0, rgb.length);
    }

    boolean sameContentAs(byte[] pixels) {
        return Arrays.equals(rgb, pixels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.width == width && f.height == height && Arrays.equals(f.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "Frame[" + width + "×" + height + "]";
    }
}
