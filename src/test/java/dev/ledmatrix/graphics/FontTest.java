package dev.ledmatrix.graphics;

import static dev.ledmatrix.graphics.TinyFont.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped fonts: coverage, metrics, and glyphs that draw exactly what their BDF file says. */
class FontTest {

    /** Printable ASCII and the degree sign: what a clock or a scoreboard needs. */
    private static final List<Integer> REQUIRED =
            IntStream.concat(IntStream.rangeClosed(0x20, 0x7E), IntStream.of(0xB0)).boxed().toList();

    @Test
    void smallIsA5x7FontWithOneRowOfDescent() {
        BitmapFont small = Font.SMALL.bitmap();
        assertThat(Font.SMALL.fontName()).isEqualTo("5x7");
        assertThat(small.name()).isEqualTo("5x7");
        assertThat(small.height()).isEqualTo(8);
        assertThat(small.baseline()).isEqualTo(7);
    }

    @Test
    void mediumHasTheMetricsOfThe6x10FontTheNativeLibraryUses() {
        BitmapFont medium = Font.MEDIUM.bitmap();
        assertThat(Font.MEDIUM.fontName()).isEqualTo("6x10");
        assertThat(medium.height()).isEqualTo(10);
        assertThat(medium.baseline()).isEqualTo(8);
        assertThat(medium.charWidth('A')).isEqualTo(6);
        assertThat(medium.textWidth("Hello")).isEqualTo(30);
    }

    @ParameterizedTest
    @EnumSource(Font.class)
    void coversPrintableAsciiAndTheDegreeSignMonospaced(Font font) {
        BitmapFont bitmap = font.bitmap();
        for (int codePoint : REQUIRED) {
            assertThat(bitmap.hasGlyph(codePoint)).as("U+%04X", codePoint).isTrue();
            assertThat(bitmap.charWidth(codePoint)).as("advance of U+%04X", codePoint).isEqualTo(6);
        }
        assertThat(bitmap.textWidth("12:34 °C")).isEqualTo(48);
    }

    @ParameterizedTest
    @EnumSource(Font.class)
    void everyGlyphStaysInsideItsCellSoNeighboursAndLinesNeverTouch(Font font) {
        BitmapFont bitmap = font.bitmap();
        for (int codePoint : REQUIRED) {
            Canvas canvas = new Canvas(20, 30);
            int x = 5;
            int baseline = 10;
            bitmap.draw(canvas, x, baseline, Color.WHITE, Character.toString(codePoint));
            for (String pixel : lit(canvas)) {
                int px = Integer.parseInt(pixel.split(",")[0]);
                int py = Integer.parseInt(pixel.split(",")[1]);
                // One column of the 6-pixel advance is kept dark: the gap between characters.
                assertThat(px).as("column of U+%04X", codePoint).isBetween(x, x + 4);
                assertThat(py).as("row of U+%04X", codePoint)
                        .isBetween(baseline - bitmap.baseline(), baseline - bitmap.baseline() + bitmap.height() - 1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Font.class)
    void everyPrintableGlyphIsVisibleAndUnlikeEveryOther(Font font) {
        Map<Set<String>, Integer> seen = new HashMap<>();
        for (int codePoint : REQUIRED) {
            Canvas canvas = new Canvas(10, 12);
            font.bitmap().draw(canvas, 0, font.bitmap().baseline(), Color.WHITE, Character.toString(codePoint));
            Set<String> pixels = lit(canvas);
            if (codePoint == ' ') {
                assertThat(pixels).isEmpty();
                continue;
            }
            assertThat(pixels).as("U+%04X", codePoint).isNotEmpty();
            Integer twin = seen.put(pixels, codePoint);
            assertThat(twin).as("U+%04X looks exactly like U+%04X", codePoint, twin).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Font.class)
    void theDigitOneDrawsTheRowsItsBdfFileHolds(Font font) throws IOException {
        Set<String> expected = glyphPixelsFromBdf(font, '1', 20, 15);
        Canvas canvas = new Canvas(40, 30);

        canvas.drawText(font, 20, 15, Color.RED, "1");

        assertThat(expected).isNotEmpty();
        assertThat(lit(canvas)).isEqualTo(expected);
    }

    @Test
    void canvasDrawTextAcceptsAFontOrABitmapFontAndReturnsTheAdvance() {
        Canvas viaEnum = new Canvas(64, 32);
        Canvas viaBitmap = new Canvas(64, 32);

        int advance = viaEnum.drawText(Font.SMALL, 2, 9, Color.BLUE, "Score 3:1");
        viaBitmap.drawText(Font.SMALL.bitmap(), 2, 9, Color.BLUE, "Score 3:1");

        assertThat(advance).isEqualTo(54);
        assertThat(viaEnum.snapshot()).isEqualTo(viaBitmap.snapshot());
        assertThat(lit(viaEnum)).isNotEmpty();
    }

    @Test
    void loadsEachFontOnceEvenWhenManyThreadsAskAtOnce() throws Exception {
        List<Callable<BitmapFont>> askers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            askers.add(Font.MEDIUM::bitmap);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<BitmapFont>> answers = pool.invokeAll(askers);
            BitmapFont first = answers.getFirst().get();
            for (Future<BitmapFont> answer : answers) {
                assertThat(answer.get()).isSameAs(first);
            }
            assertThat(Font.MEDIUM.bitmap()).isSameAs(first);
        }
    }

    /**
     * Reads one glyph straight from the font's BDF resource, independently of the parser under test, and
     * says where its lit pixels land for a pen at (x, baseline).
     */
    private static Set<String> glyphPixelsFromBdf(Font font, int codePoint, int x, int baseline)
            throws IOException {
        String bdf;
        try (InputStream in = Font.class.getResourceAsStream("/fonts/" + font.fontName() + ".bdf")) {
            bdf = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String glyph = bdf.substring(bdf.indexOf("ENCODING " + codePoint + "\n"));
        glyph = glyph.substring(0, glyph.indexOf("ENDCHAR"));
        int bbxAt = glyph.indexOf("BBX ");
        String[] bbx = glyph.substring(bbxAt + 4, glyph.indexOf('\n', bbxAt)).split(" ");
        int width = Integer.parseInt(bbx[0]);
        int height = Integer.parseInt(bbx[1]);
        int xOffset = Integer.parseInt(bbx[2]);
        int yOffset = Integer.parseInt(bbx[3]);
        String[] rows = glyph.substring(glyph.indexOf("BITMAP\n") + 7).strip().split("\n");
        assertThat(rows).hasSize(height);
        Set<String> pixels = new TreeSet<>();
        for (int r = 0; r < height; r++) {
            byte[] bits = HexFormat.of().parseHex(rows[r]);
            for (int c = 0; c < width; c++) {
                if ((bits[c / 8] & (0x80 >> (c % 8))) != 0) {
                    // The top row of the box is (yOffset + height) rows above the baseline row.
                    pixels.add((x + xOffset + c) + "," + (baseline - yOffset - height + r));
                }
            }
        }
        return pixels;
    }
}
