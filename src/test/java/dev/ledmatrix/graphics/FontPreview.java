package dev.ledmatrix.graphics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the shipped fonts to PNGs for a human to judge: a 64×32 panel with a clock and a greeting in both
 * fonts, and one sheet per font with every glyph. Glyph shapes are a matter of taste, so this is a tool,
 * not a test. After {@code ./mvnw -o test-compile}:
 * <pre>java -cp target/classes:target/test-classes dev.ledmatrix.graphics.FontPreview /tmp</pre>
 */
final class FontPreview {

    private static final Color AMBER = Color.rgb(0xFFB000);
    private static final Color CYAN = Color.rgb(0x00D0FF);

    private FontPreview() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        Files.write(dir.resolve("fonts.png"), panel().toPng(8));
        for (Font font : Font.values()) {
            Files.write(dir.resolve("font-" + font.fontName() + ".png"), sheet(font.bitmap()).toPng(8));
        }
        System.out.println("wrote fonts.png and font-*.png to " + dir);
    }

    /** What a 64×32 panel shows: each font on its own band, different colours to tell them apart. */
    static Frame panel() {
        Canvas canvas = new Canvas(64, 32);
        BitmapFont medium = Font.MEDIUM.bitmap();
        BitmapFont small = Font.SMALL.bitmap();
        canvas.drawText(medium, 0, medium.baseline(), AMBER, "12:34 °C");
        canvas.drawText(small, 0, 10 + small.baseline(), CYAN, "12:34 °C");
        int helloBaseline = 19 + medium.baseline();
        int advance = canvas.drawText(medium, 0, helloBaseline, AMBER, "Hello");
        canvas.drawText(small, advance + 3, helloBaseline, CYAN, "Hello");
        return canvas.snapshot();
    }

    /** Every glyph from 0x20 to 0x7E and the degree sign, 16 to a row, on a grey cell grid. */
    static Frame sheet(BitmapFont font) {
        int cellWidth = font.charWidth('M') + 2;
        int cellHeight = font.height() + 2;
        Canvas canvas = new Canvas(16 * cellWidth, 7 * cellHeight);
        Color grid = Color.rgb(0x303030);
        for (int i = 0; i <= 0x7E - 0x20 + 1; i++) {
            int codePoint = i <= 0x7E - 0x20 ? 0x20 + i : 0xB0;
            int x = (i % 16) * cellWidth;
            int y = (i / 16) * cellHeight;
            canvas.fillRect(x + 1, y + 1, cellWidth - 2, cellHeight - 2, grid);
            canvas.drawText(font, x + 1, y + 1 + font.baseline(), Color.WHITE, Character.toString(codePoint));
        }
        return canvas.snapshot();
    }
}
