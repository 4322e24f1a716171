package dev.ledmatrix.graphics;

/**
 * One character of a bitmap font, reduced to what drawing needs: its advance and the offsets of its lit
 * pixels from the pen position on the baseline. Precomputing the offsets keeps text rendering a tight loop
 * of {@link Canvas#setPixel} calls, which also does the clipping.
 */
final class Glyph {

    private final int advance;
    /** Interleaved (dx, dy) pairs; dy is negative above the baseline row. */
    private final int[] offsets;

    private Glyph(int advance, int[] offsets) {
        this.advance = advance;
        this.offsets = offsets;
    }

    /** A glyph that draws nothing, e.g. a space or the stand-in for a font without a fallback glyph. */
    static Glyph blank(int advance) {
        return new Glyph(advance, new int[0]);
    }

    /**
     * Builds the glyph from a BDF bitmap: {@code rows[r]} holds row r (top first), most significant bit =
     * leftmost pixel. The bounding box is {@code width × height} with its lower-left corner at
     * ({@code xOffset}, {@code yOffset}) relative to the pen on the baseline, y pointing up as in BDF.
     */
    static Glyph fromBitmap(int advance, int width, int height, int xOffset, int yOffset, byte[][] rows) {
        int lit = 0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                lit += bit(rows[r], c);
            }
        }
        int[] offsets = new int[lit * 2];
        int i = 0;
        for (int r = 0; r < height; r++) {
            // Screen row = baselineY - (yOffset + height) + r: with yOffset 0 the bottom row lands on the
            // row just above baselineY, as the native library draws it (descenders start at baselineY).
            int dy = r - yOffset - height;
            for (int c = 0; c < width; c++) {
                if (bit(rows[r], c) == 1) {
                    offsets[i++] = xOffset + c;
                    offsets[i++] = dy;
                }
            }
        }
        return new Glyph(advance, offsets);
    }

    private static int bit(byte[] row, int column) {
        return (row[column >> 3] >> (7 - (column & 7))) & 1;
    }

    int advance() {
        return advance;
    }

    void draw(Canvas canvas, int penX, int baselineY, Color color) {
        for (int i = 0; i < offsets.length; i += 2) {
            canvas.setPixel(penX + offsets[i], baselineY + offsets[i + 1], color);
        }
    }
}
