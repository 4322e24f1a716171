package dev.ledmatrix.graphics;

import static dev.ledmatrix.graphics.TinyFont.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped BDF files are exactly what the glyph sheets generate, and draw exactly what was drawn. */
class BdfFontGeneratorTest {

    @ParameterizedTest
    @EnumSource(Font.class)
    void committedBdfMatchesItsGlyphSheet(Font font) throws IOException {
        String sheetPath = BdfFontGenerator.sheetPath(font.fontName());

        String generated = BdfFontGenerator.generate(sheet(font), sheetPath);

        assertThat(resource("/fonts/" + font.fontName() + ".bdf"))
                .as("fonts/%s.bdf is stale: run java src/test/java/dev/ledmatrix/graphics/BdfFontGenerator.java",
                        font.fontName())
                .isEqualTo(generated);
    }

    @ParameterizedTest
    @EnumSource(Font.class)
    void everyGlyphDrawsThePixelsOfItsSheet(Font font) throws IOException {
        BdfFontGenerator.Sheet sheet = BdfFontGenerator.Sheet.parse(sheet(font), font.fontName());
        BitmapFont bitmap = font.bitmap();
        assertThat(sheet.glyphs()).hasSizeGreaterThanOrEqualTo(96);
        for (Map.Entry<Integer, BdfFontGenerator.Art> entry : sheet.glyphs().entrySet()) {
            boolean[][] rows = entry.getValue().rows();
            Set<String> drawn = new TreeSet<>();
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c]) {
                        drawn.add(c + "," + r);
                    }
                }
            }
            Canvas canvas = new Canvas(sheet.width(), sheet.ascent() + sheet.descent());

            int advance = bitmap.draw(canvas, 0, bitmap.baseline(), Color.WHITE, Character.toString(entry.getKey()));

            assertThat(lit(canvas)).as("glyph %s", entry.getValue().name()).isEqualTo(drawn);
            assertThat(advance).isEqualTo(sheet.advance());
        }
    }

    @Test
    void aMisdrawnRowIsReportedWithItsLine() {
        String sheet = """
                family Test
                width 3
                advance 4
                ascent 2
                descent 1
                default 0x41
                char 0x41 A
                .#.
                #.#x
                ...
                """;

        assertThatThrownBy(() -> BdfFontGenerator.generate(sheet, "test.txt"))
                .hasMessage("test.txt:9: glyph A needs 3 rows of 3 '.' or '#', got '#.#x'");
    }

    private static String sheet(Font font) throws IOException {
        return resource("/fontgen/" + font.fontName() + ".txt");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = BdfFontGeneratorTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
