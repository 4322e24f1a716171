package dev.ledmatrix.graphics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bitmap fonts that ship with the service, designed for a 64×32 panel. Both are monospaced (6 px per
 * character), so digits of a clock or a score never shift as they change.
 */
public enum Font {

    /** 5×7 capitals and digits, 1 row of descent: 8 rows per line, 4 lines on a 32-row panel. */
    SMALL("5x7"),
    /** 5×8 capitals and digits in a 6×10 cell, 2 rows of descent: 3 lines on a 32-row panel. */
    MEDIUM("6x10");

    private final String fontName;
    private final Object lock = new Object();
    /** Loaded on first use, then never changes: fonts a deployment never draws with cost nothing. */
    private volatile BitmapFont loaded;

    Font(String fontName) {
        this.fontName = fontName;
    }

    /** The font's name, which is also its resource {@code /fonts/<name>.bdf}, e.g. {@code 5x7}. */
    public String fontName() {
        return fontName;
    }

    /** The parsed font; loaded from the classpath once, thread-safely, on first call. */
    public BitmapFont bitmap() {
        BitmapFont font = loaded;
        if (font == null) {
            synchronized (lock) {
                font = loaded;
                if (font == null) {
                    font = load();
                    loaded = font;
                }
            }
        }
        return font;
    }

    private BitmapFont load() {
        String resource = "/fonts/" + fontName + ".bdf";
        try (InputStream in = Font.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font resource " + resource + " is missing from the classpath");
            }
            return BitmapFont.parse(in, fontName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font resource " + resource, e);
        }
    }
}
