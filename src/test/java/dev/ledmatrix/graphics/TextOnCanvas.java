package dev.ledmatrix.graphics;

import java.util.Arrays;
import java.util.Optional;

/**
 * For tests of anything that draws text. Finds where a string was drawn: the pen position at which drawing
 * exactly {@code text} in {@code font} gives exactly the pixels of {@code color} on the canvas. Independent of
 * layout details, strict about the text.
 */
public final class TextOnCanvas {

    /** A pen position: left edge and baseline row. */
    public record Pen(int x, int baseline) {
    }

    private TextOnCanvas() {
    }

    public static Optional<Pen> locate(Canvas actual, Font font, Color color, String text) {
        boolean[] wanted = mask(actual, color);
        int width = font.bitmap().textWidth(text);
        int height = font.bitmap().height();
        Canvas scratch = new Canvas(actual.width(), actual.height());
        for (int baseline = -height; baseline <= actual.height() + height; baseline++) {
            for (int x = -width; x <= actual.width(); x++) {
                scratch.clear();
                scratch.drawText(font, x, baseline, color, text);
                if (Arrays.equals(mask(scratch, color), wanted)) {
                    return Optional.of(new Pen(x, baseline));
                }
            }
        }
        return Optional.empty();
    }

    /** Columns with at least one pixel of {@code color}. */
    public static int litColumns(Canvas canvas, Color color) {
        int columns = 0;
        for (int x = 0; x < canvas.width(); x++) {
            for (int y = 0; y < canvas.height(); y++) {
                if (canvas.getPixel(x, y).equals(color)) {
                    columns++;
                    break;
                }
            }
        }
        return columns;
    }

    private static boolean[] mask(Canvas canvas, Color color) {
        boolean[] mask = new boolean[canvas.width() * canvas.height()];
        for (int y = 0; y < canvas.height(); y++) {
            for (int x = 0; x < canvas.width(); x++) {
                mask[y * canvas.width() + x] = canvas.getPixel(x, y).equals(color);
            }
        }
        return mask;
    }
}
