package dev.ledmatrix.graphics;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A BDF font small enough to check by hand, plus helpers to edit it line by line and to read pixels. */
final class TinyFont {

    /**
     * Line numbers matter: the error tests name them. Glyphs: a 3×3 box (the DEFAULT_CHAR, advance 5), 'A'
     * (2 pixels on a diagonal, offset 1,1), 'p' (a 3-row stem reaching 2 rows below the baseline) and an
     * unencoded glyph, which must be skipped.
     */
    static final String BDF = """
            STARTFONT 2.1
            COMMENT a font small enough to check by hand
            FONT -test-tiny-medium-r-normal--6-60-75-75-c-50-iso10646-1
            SIZE 6 75 75
            FONTBOUNDINGBOX 4 6 0 -2
            STARTPROPERTIES 3
            FONT_ASCENT 4
            FONT_DESCENT 2
            DEFAULT_CHAR 0
            ENDPROPERTIES
            CHARS 4
            STARTCHAR box
            ENCODING 0
            SWIDTH 833 0
            DWIDTH 5 0
            BBX 3 3 0 0
            BITMAP
            E0
            A0
            E0
            ENDCHAR
            STARTCHAR A
            ENCODING 65
            SWIDTH 666 0
            DWIDTH 4 0
            BBX 2 2 1 1
            BITMAP
            80
            40
            ENDCHAR
            STARTCHAR p
            ENCODING 112
            SWIDTH 666 0
            DWIDTH 4 0
            BBX 1 3 0 -2
            BITMAP
            80
            80
            80
            ENDCHAR
            STARTCHAR unencoded
            ENCODING -1
            SWIDTH 666 0
            DWIDTH 4 0
            BBX 1 1 0 0
            BITMAP
            80
            ENDCHAR
            ENDFONT
            """;

    private TinyFont() {
    }

    static BitmapFont parse(String bdf, String name) {
        return BitmapFont.parse(new ByteArrayInputStream(bdf.getBytes(StandardCharsets.ISO_8859_1)), name);
    }

    static BitmapFont parse() {
        return parse(BDF, "tiny");
    }

    /** BDF with 1-based line {@code line} replaced (by several lines if it contains newlines) or deleted. */
    static String withLine(int line, String replacement) {
        List<String> lines = new ArrayList<>(Arrays.asList(BDF.split("\n")));
        if (replacement == null) {
            lines.remove(line - 1);
        } else {
            lines.set(line - 1, replacement);
        }
        return String.join("\n", lines) + "\n";
    }

    /** The BDF cut after line {@code last}. */
    static String upToLine(int last) {
        return String.join("\n", Arrays.asList(BDF.split("\n")).subList(0, last)) + "\n";
    }

    /** The lit (non-black) pixels of a canvas as "x,y" strings, sorted for readable failure messages. */
    static Set<String> lit(Canvas canvas) {
        Set<String> lit = new TreeSet<>();
        for (int y = 0; y < canvas.height(); y++) {
            for (int x = 0; x < canvas.width(); x++) {
                if (!canvas.getPixel(x, y).equals(Color.BLACK)) {
                    lit.add(x + "," + y);
                }
            }
        }
        return lit;
    }
}
