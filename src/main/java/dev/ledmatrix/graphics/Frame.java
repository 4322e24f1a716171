package dev.ledmatrix.graphics;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * An immutable picture of the whole display: {@code width × height} pixels as packed RGB bytes, row by
 * row, the byte order the native library's {@code set_image} takes.
 */
public final class Frame {

    /** The largest {@link #toPng} scale: 64×32 LEDs at 32 give a 2048×1024 image, plenty for any screen. */
    public static final int MAX_PNG_SCALE = 32;
    /** Caps {@link #toPng}'s memory on big chained panels: a 4096×4096 image is 64 MiB before encoding. */
    public static final int MAX_PNG_SIDE = 4096;

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
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame must be at least 1×1, got " + width + "×" + height);
        }
        return new Frame(width, height, new byte[width * height * 3]);
    }

    /**
     * A frame from an image, e.g. one a plugin decoded with {@code ImageIO.read} or drew with Java2D. The
     * panel has no transparency: translucent pixels are blended onto black, as they would look on it.
     */
    public static Frame fromImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int width = image.getWidth();
        int height = image.getHeight();
        // getRGB converts any colour model to non-premultiplied sRGB ARGB, one array for the whole image.
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] rgb = new byte[width * height * 3];
        for (int p = 0, i = 0; p < argb.length; p++) {
            int pixel = argb[p];
            int alpha = pixel >>> 24;
            rgb[i++] = (byte) blendOnBlack((pixel >> 16) & 0xFF, alpha);
            rgb[i++] = (byte) blendOnBlack((pixel >> 8) & 0xFF, alpha);
            rgb[i++] = (byte) blendOnBlack(pixel & 0xFF, alpha);
        }
        return new Frame(width, height, rgb);
    }

    private static int blendOnBlack(int channel, int alpha) {
        return alpha == 255 ? channel : (channel * alpha + 127) / 255;
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
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") is outside " + width + "×" + height);
        }
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

    /**
     * The frame as a PNG image, each LED drawn as a {@code scale × scale} block of its colour (a 64×32 frame
     * is too small to see at scale 1). Uses only headless-safe image APIs.
     *
     * @param scale 1 to {@value #MAX_PNG_SCALE}, and at most {@value #MAX_PNG_SIDE} pixels a side
     */
    public byte[] toPng(int scale) {
        if (scale < 1 || scale > MAX_PNG_SCALE) {
            throw new IllegalArgumentException("scale must be 1.." + MAX_PNG_SCALE + ", got " + scale);
        }
        if (Math.max(width, height) * scale > MAX_PNG_SIDE) {
            throw new IllegalArgumentException("scale " + scale + " makes a " + width * scale + "×" + height * scale
                    + " image; at most " + MAX_PNG_SIDE + " px a side, so at most scale "
                    + MAX_PNG_SIDE / Math.max(width, height) + " for this " + width + "×" + height + " frame");
        }
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int outWidth = width * scale;
        for (int y = 0; y < height; y++) {
            int rowStart = y * scale * outWidth;
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int packed = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
                Arrays.fill(out, rowStart + x * scale, rowStart + (x + 1) * scale, packed);
            }
            for (int copy = 1; copy < scale; copy++) {
                System.arraycopy(out, rowStart, out, rowStart + copy * outWidth, outWidth);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
        // An explicit in-memory stream: ImageIO.write(image, "png", OutputStream) may spill to a temp file.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(png)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return png.toByteArray();
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
