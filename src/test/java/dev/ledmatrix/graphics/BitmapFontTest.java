package dev.ledmatrix.graphics;

import static dev.ledmatrix.graphics.TinyFont.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

/** Parsing a valid BDF file, the metrics it yields, and text drawn with it, pixel by pixel. */
class BitmapFontTest {

    private final BitmapFont font = TinyFont.parse();
    private final Canvas canvas = new Canvas(32, 24);

    @Test
    void metricsComeFromTheProperties() {
        assertThat(font.name()).isEqualTo("tiny");
        assertThat(font.height()).isEqualTo(6);
        assertThat(font.baseline()).isEqualTo(4);
        assertThat(font.charWidth('A')).isEqualTo(4);
        assertThat(font.charWidth('p')).isEqualTo(4);
        assertThat(font.charWidth(0)).isEqualTo(5);
    }

    @Test
    void metricsFallBackToTheBoundingBoxWithoutProperties() {
        // Lines 6-10 are the properties block; the bounding box 4×6 at y -2 gives ascent 4, descent 2.
        String bdf = TinyFont.BDF.replaceAll("(?s)STARTPROPERTIES.*?ENDPROPERTIES\n", "");
        BitmapFont plain = TinyFont.parse(bdf, "plain");
        assertThat(plain.height()).isEqualTo(6);
        assertThat(plain.baseline()).isEqualTo(4);
    }

    @Test
    void unencodedGlyphsAreSkipped() {
        assertThat(font.hasGlyph('A')).isTrue();
        assertThat(font.hasGlyph('p')).isTrue();
        assertThat(font.hasGlyph(0)).isTrue();
        assertThat(font.hasGlyph(-1)).isFalse();
        assertThat(font.hasGlyph('B')).isFalse();
    }

    @Test
    void glyphPixelsSitOnTheBaselineAtTheirOffsets() {
        int advance = font.draw(canvas, 10, 20, Color.WHITE, "A");

        // BBX 2 2 1 1: the 2×2 box starts 1 right of the pen and its bottom row is 1 above the
        // row just above the baseline, i.e. rows 17 and 18; bits 80 then 40 are a diagonal.
        assertThat(lit(canvas)).containsExactly("11,17", "12,18");
        assertThat(advance).isEqualTo(4);
    }

    @Test
    void descendersReachBelowTheBaselineRow() {
        font.draw(canvas, 10, 20, Color.WHITE, "p");

        // BBX 1 3 0 -2: 3 rows whose bottom is 2 rows below the row above the baseline.
        assertThat(lit(canvas)).containsExactly("10,19", "10,20", "10,21");
    }

    @Test
    void drawingAtTheBaselineValuePutsTheCellAtTheTop() {
        font.draw(canvas, 0, font.baseline(), Color.GREEN, "\0");

        assertThat(lit(canvas)).containsExactlyInAnyOrder(
                "0,1", "1,1", "2,1", "0,2", "2,2", "0,3", "1,3", "2,3");
        assertThat(canvas.getPixel(1, 1)).isEqualTo(Color.GREEN);
    }

    @Test
    void charactersFollowEachOtherByTheirAdvanceAndTheTotalIsReturned() {
        int advance = font.draw(canvas, 3, 10, Color.WHITE, "AAp");

        assertThat(advance).isEqualTo(12).isEqualTo(font.textWidth("AAp"));
        assertThat(lit(canvas)).containsExactlyInAnyOrder(
                "4,7", "5,8", "8,7", "9,8", "11,9", "11,10", "11,11");
    }

    @Test
    void emptyTextDrawsNothing() {
        assertThat(font.draw(canvas, 0, 10, Color.WHITE, "")).isZero();
        assertThat(font.textWidth("")).isZero();
        assertThat(lit(canvas)).isEmpty();
    }

    @Test
    void unknownCharactersDrawTheDefaultChar() {
        Canvas expected = new Canvas(32, 24);
        font.draw(expected, 0, 10, Color.WHITE, "\0\0\0");

        // A Latin-1 letter, a BMP symbol and an emoji (a surrogate pair: one character, not two).
        int advance = font.draw(canvas, 0, 10, Color.WHITE, "é€😀");

        assertThat(advance).isEqualTo(15);
        assertThat(font.charWidth(0x1F600)).isEqualTo(5);
        assertThat(canvas.snapshot()).isEqualTo(expected.snapshot());
    }

    @Test
    void withoutDefaultCharUnknownCharactersDrawQuestionMark() {
        String bdf = TinyFont.withLine(9, "COMMENT no default").replace("STARTPROPERTIES 3", "STARTPROPERTIES 2")
                .replace("ENCODING 65", "ENCODING 63");
        BitmapFont questioning = TinyFont.parse(bdf, "questioning");
        Canvas expected = new Canvas(32, 24);
        questioning.draw(expected, 0, 10, Color.WHITE, "?");

        assertThat(questioning.draw(canvas, 0, 10, Color.WHITE, "Z")).isEqualTo(4);
        assertThat(canvas.snapshot()).isEqualTo(expected.snapshot());
        assertThat(lit(canvas)).isNotEmpty();
    }

    @Test
    void withNeitherFallbackUnknownCharactersAreBlankOfTheBoundingBoxWidth() {
        String bdf = TinyFont.withLine(9, "COMMENT no default").replace("STARTPROPERTIES 3", "STARTPROPERTIES 2");
        BitmapFont bare = TinyFont.parse(bdf, "bare");

        assertThat(bare.draw(canvas, 0, 10, Color.WHITE, "ZZ")).isEqualTo(8);
        assertThat(lit(canvas)).isEmpty();
    }

    @Test
    void toleratesCrlfLowercaseHexBlankLinesAndComments() {
        String bdf = TinyFont.BDF.replace("E0", "e0").replace("ENDCHAR\n", "ENDCHAR\n\nCOMMENT between glyphs\n")
                .replace("\n", "\r\n");
        BitmapFont relaxed = TinyFont.parse(bdf, "relaxed");
        Canvas expected = new Canvas(32, 24);
        font.draw(expected, 1, 10, Color.WHITE, "\0Ap");

        relaxed.draw(canvas, 1, 10, Color.WHITE, "\0Ap");

        assertThat(canvas.snapshot()).isEqualTo(expected.snapshot());
    }

    @Test
    void aFontLevelDwidthServesGlyphsWithoutTheirOwn() {
        String bdf = TinyFont.withLine(5, "FONTBOUNDINGBOX 4 6 0 -2\nDWIDTH 7 0")
                .replace("DWIDTH 4 0\nBBX 2 2", "BBX 2 2"); // 'A' loses its own DWIDTH
        BitmapFont wide = TinyFont.parse(bdf, "wide");

        assertThat(wide.charWidth('A')).isEqualTo(7);
        assertThat(wide.charWidth('p')).isEqualTo(4);
    }

    @Test
    void clipsAtEveryEdgeExactlyLikeAWindowOntoABiggerCanvas() {
        BitmapFont medium = Font.MEDIUM.bitmap();
        String text = "Ag8°";
        Canvas small = new Canvas(16, 8);
        Canvas big = new Canvas(16 + 60, 8 + 40); // the small canvas is the window at (30, 20)
        int[][] positions = {{-7, 5}, {10, 5}, {3, 2}, {3, 12}, {-9, -1}, {12, 14}};
        for (int[] at : positions) {
            small.clear();
            big.clear();
            medium.draw(small, at[0], at[1], Color.WHITE, text);
            medium.draw(big, at[0] + 30, at[1] + 20, Color.WHITE, text);
            for (int y = 0; y < small.height(); y++) {
                for (int x = 0; x < small.width(); x++) {
                    assertThat(small.getPixel(x, y)).as("pixel %d,%d with text at %d,%d", x, y, at[0], at[1])
                            .isEqualTo(big.getPixel(x + 30, y + 20));
                }
            }
            assertThat(lit(small)).as("text at %d,%d is partly visible", at[0], at[1]).isNotEmpty();
        }
    }

    @Test
    void textFarOffTheCanvasDrawsNothingButStillAdvances() {
        assertThat(font.draw(canvas, -1000, 10, Color.WHITE, "AA")).isEqualTo(8);
        assertThat(font.draw(canvas, 5, Integer.MAX_VALUE / 2, Color.WHITE, "A")).isEqualTo(4);
        assertThat(font.draw(canvas, 5, -100, Color.WHITE, "A")).isEqualTo(4);
        assertThat(lit(canvas)).isEmpty();
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> font.draw(canvas, 0, 0, Color.WHITE, null)).hasMessage("text");
        assertThatThrownBy(() -> font.draw(canvas, 0, 0, null, "A")).hasMessage("color");
        assertThatThrownBy(() -> font.draw(null, 0, 0, Color.WHITE, "A")).hasMessage("canvas");
        assertThatThrownBy(() -> BitmapFont.parse(null, "x")).hasMessage("in");
    }

    @Test
    void readFailuresAreUncheckedIoErrorsNamingTheFont() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> BitmapFont.parse(failing, "flaky"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("flaky")
                .hasRootCauseMessage("disk gone");
    }
}
