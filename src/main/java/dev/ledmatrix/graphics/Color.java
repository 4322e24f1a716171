package dev.ledmatrix.graphics;

import java.util.HexFormat;

/** An 8-bit-per-channel RGB colour, as the panel shows it. */
public record Color(int r, int g, int b) {

    public static final Color BLACK = new Color(0, 0, 0);
    public static final Color WHITE = new Color(255, 255, 255);
    public static final Color RED = new Color(255, 0, 0);
    public static final Color GREEN = new Color(0, 255, 0);
    public static final Color BLUE = new Color(0, 0, 255);

    public Color {
        check("r", r);
        check("g", g);
        check("b", b);
    }

    /** From {@code 0xRRGGBB}. */
    public static Color rgb(int packed) {
        return new Color((packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF);
    }

    /** From {@code #rrggbb} (the form plugin configs use). */
    public static Color parse(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour must look like #rrggbb, got '" + hex + "'");
        }
        return rgb(HexFormat.fromHexDigits(hex, 1, 7));
    }

    public int packed() {
        return (r << 16) | (g << 8) | b;
    }

    public String hex() {
        return "#%02x%02x%02x".formatted(r, g, b);
    }

    private static void check(String channel, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(channel + " must be 0..255, got " + value);
        }
    }
}
