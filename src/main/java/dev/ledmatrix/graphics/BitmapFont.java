package dev.ledmatrix.graphics;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable bitmap font read from a BDF file (Glyph Bitmap Distribution Format 2.x, the format the
 * native LED matrix library loads). Metrics follow that library: text is positioned by its baseline, the
 * font's cell spans the rows {@code baselineY - baseline()} to {@code baselineY - baseline() + height() - 1},
 * so {@code draw(canvas, 0, font.baseline(), ...)} puts the text at the very top of the canvas.
 *
 * <p>Characters the font lacks draw as its {@code DEFAULT_CHAR} glyph, else as '?', else as blank space;
 * drawing never throws for unknown text, and pixels off the canvas are clipped by the canvas.
 */
public final class BitmapFont {

    /** Code points below this are looked up in an array: no boxing on the hot path for Latin-1 text. */
    private static final int DIRECT = 256;

    private final String name;
    private final int ascent;
    private final int descent;
    private final Glyph[] direct;
    private final Map<Integer, Glyph> others;
    private final Glyph fallback;

    BitmapFont(String name, int ascent, int descent, Map<Integer, Glyph> glyphs, Glyph fallback) {
        this.name = name;
        this.ascent = ascent;
        this.descent = descent;
        this.direct = new Glyph[DIRECT];
        glyphs.forEach((codePoint, glyph) -> {
            if (codePoint >= 0 && codePoint < DIRECT) {
                direct[codePoint] = glyph;
            }
        });
        this.others = Map.copyOf(glyphs);
        this.fallback = fallback;
    }

    /**
     * Reads a BDF font. The parser is strict: anything the format does not allow (a missing or repeated
     * keyword, a wrong count, a malformed number or bitmap row, content after ENDFONT) is an
     * {@link IllegalArgumentException} naming the font, the line and what is wrong. I/O failures surface as
     * {@link java.io.UncheckedIOException}. The stream is read to the end but not closed.
     *
     * @param name how error messages and {@link #name()} call the font, e.g. its file name
     */
    public static BitmapFont parse(InputStream in, String name) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        return new BdfParser(in, name).parse();
    }

    public String name() {
        return name;
    }

    /** Rows from the top of the cell to the bottom of the descenders: the line spacing. */
    public int height() {
        return ascent + descent;
    }

    /** Rows from the top of the cell down to the baseline row (the font's ascent). */
    public int baseline() {
        return ascent;
    }

    /** Whether the font has its own glyph for {@code codePoint} (rather than drawing the fallback). */
    public boolean hasGlyph(int codePoint) {
        return codePoint >= 0 && codePoint < DIRECT ? direct[codePoint] != null : others.containsKey(codePoint);
    }

    /** How far the pen moves after drawing {@code codePoint}, in pixels (the fallback's for unknown ones). */
    public int charWidth(int codePoint) {
        return glyph(codePoint).advance();
    }

    /** The advance of the whole text in pixels: what {@link #draw} returns for it. */
    public int textWidth(String text) {
        Objects.requireNonNull(text, "text");
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += glyph(codePoint).advance();
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /**
     * Draws {@code text} with the pen starting at {@code x} on the baseline row {@code baselineY}.
     *
     * @return the advance in pixels, so callers can continue drawing after the text
     */
    public int draw(Canvas canvas, int x, int baselineY, Color color, String text) {
        Objects.requireNonNull(canvas, "canvas");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(text, "text");
        int pen = x;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            Glyph glyph = glyph(codePoint);
            glyph.draw(canvas, pen, baselineY, color);
            pen += glyph.advance();
            i += Character.charCount(codePoint);
        }
        return pen - x;
    }

    private Glyph glyph(int codePoint) {
        Glyph glyph = codePoint >= 0 && codePoint < DIRECT ? direct[codePoint] : others.get(codePoint);
        return glyph != null ? glyph : fallback;
    }

    @Override
    public String toString() {
        return "BitmapFont[" + name + ", height " + height() + ", baseline " + ascent + ", " + others.size()
                + " glyphs]";
    }
}
