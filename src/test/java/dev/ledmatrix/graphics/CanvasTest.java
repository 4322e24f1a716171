package dev.ledmatrix.graphics;

import static dev.ledmatrix.graphics.TinyFont.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Pixels, fills, lines, rectangles and images on the canvas, and clipping for all of them. */
class CanvasTest {

    private final Canvas canvas = new Canvas(8, 6);

    /** All pixels of the w×h block at (x, y), as "x,y" strings. */
    private static Set<String> block(int x, int y, int w, int h) {
        Set<String> pixels = new TreeSet<>();
        for (int row = y; row < y + h; row++) {
            for (int col = x; col < x + w; col++) {
                pixels.add(col + "," + row);
            }
        }
        return pixels;
    }

    @Test
    void sizeMustBeAtLeastOnePixel() {
        assertThatThrownBy(() -> new Canvas(0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("canvas must be at least 1×1, got 0×5");
        assertThatThrownBy(() -> new Canvas(64, -1)).hasMessage("canvas must be at least 1×1, got 64×-1");
    }

    @Test
    void startsBlack() {
        assertThat(lit(canvas)).isEmpty();
        assertThat(canvas.matches(Frame.black(8, 6))).isTrue();
    }

    @Test
    void setPixelSetsOnePixelAndClipsSilently() {
        canvas.setPixel(3, 2, Color.RED);
        canvas.setPixel(-1, 0, Color.RED);
        canvas.setPixel(8, 0, Color.RED);
        canvas.setPixel(0, -1, Color.RED);
        canvas.setPixel(0, 6, Color.RED);

        assertThat(lit(canvas)).containsExactly("3,2");
        assertThat(canvas.getPixel(3, 2)).isEqualTo(Color.RED);
    }

    @Test
    void getPixelOutsideIsAnErrorNamingThePoint() {
        assertThatThrownBy(() -> canvas.getPixel(8, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("(8,0) is outside 8×6");
        assertThatThrownBy(() -> canvas.getPixel(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fillCoversEverythingAndClearUndoesIt() {
        canvas.fill(Color.BLUE);
        assertThat(lit(canvas)).isEqualTo(block(0, 0, 8, 6));
        assertThat(canvas.getPixel(7, 5)).isEqualTo(Color.BLUE);

        canvas.clear();
        assertThat(lit(canvas)).isEmpty();
    }

    @Test
    void fillRectFillsExactlyItsArea() {
        canvas.fillRect(2, 1, 3, 2, Color.GREEN);

        assertThat(lit(canvas)).isEqualTo(block(2, 1, 3, 2));
    }

    @Test
    void fillRectIsClippedOnEverySide() {
        canvas.fillRect(-2, -3, 4, 5, Color.GREEN);
        assertThat(lit(canvas)).isEqualTo(block(0, 0, 2, 2));

        canvas.clear();
        canvas.fillRect(6, 4, 10, 10, Color.GREEN);
        assertThat(lit(canvas)).isEqualTo(block(6, 4, 2, 2));

        canvas.clear();
        canvas.fillRect(-100, -100, 1000, 1000, Color.GREEN);
        assertThat(lit(canvas)).isEqualTo(block(0, 0, 8, 6));
    }

    @Test
    void emptyOrNegativeRectanglesDrawNothing() {
        canvas.fillRect(2, 2, 0, 3, Color.WHITE);
        canvas.fillRect(2, 2, 3, -1, Color.WHITE);
        canvas.drawRect(2, 2, 0, 3, Color.WHITE);
        canvas.drawRect(2, 2, -3, 3, Color.WHITE);
        canvas.fillRect(20, 20, 3, 3, Color.WHITE);

        assertThat(lit(canvas)).isEmpty();
    }

    @Test
    void horizontalAndVerticalLinesIncludeBothEnds() {
        canvas.drawLine(1, 2, 5, 2, Color.WHITE);
        assertThat(lit(canvas)).isEqualTo(block(1, 2, 5, 1));

        canvas.clear();
        canvas.drawLine(4, 5, 4, 1, Color.WHITE);
        assertThat(lit(canvas)).isEqualTo(block(4, 1, 1, 5));
    }

    @Test
    void diagonalAndShallowLinesFollowBresenham() {
        canvas.drawLine(0, 0, 4, 4, Color.WHITE);
        assertThat(lit(canvas)).containsExactlyInAnyOrder("0,0", "1,1", "2,2", "3,3", "4,4");

        canvas.clear();
        canvas.drawLine(0, 0, 6, 2, Color.WHITE);
        assertThat(lit(canvas)).containsExactlyInAnyOrder("0,0", "1,0", "2,1", "3,1", "4,1", "5,2", "6,2");
    }

    @Test
    void aLineIsTheSameDrawnInEitherDirection() {
        Canvas reverse = new Canvas(8, 6);

        canvas.drawLine(1, 5, 7, 0, Color.WHITE);
        reverse.drawLine(7, 0, 1, 5, Color.WHITE);

        assertThat(lit(canvas)).hasSize(7);
        assertThat(lit(reverse)).isEqualTo(lit(canvas));
    }

    @Test
    void aLineOfOnePointIsAPixel() {
        canvas.drawLine(3, 3, 3, 3, Color.WHITE);

        assertThat(lit(canvas)).containsExactly("3,3");
    }

    @Test
    void linesLeavingTheCanvasAreClippedNotShifted() {
        Canvas big = new Canvas(28, 26);

        canvas.drawLine(-5, -3, 12, 9, Color.WHITE);
        big.drawLine(5, 7, 22, 19, Color.WHITE); // the same line, 10 right and 10 down

        Set<String> window = new TreeSet<>();
        for (String p : lit(big)) {
            int x = Integer.parseInt(p.split(",")[0]) - 10;
            int y = Integer.parseInt(p.split(",")[1]) - 10;
            if (x >= 0 && y >= 0 && x < 8 && y < 6) {
                window.add(x + "," + y);
            }
        }
        assertThat(lit(canvas)).isNotEmpty().isEqualTo(window);
    }

    @Test
    void drawRectIsAnOutline() {
        canvas.drawRect(1, 1, 4, 3, Color.WHITE);

        Set<String> outline = block(1, 1, 4, 3);
        outline.remove("2,2");
        outline.remove("3,2");
        assertThat(lit(canvas)).isEqualTo(outline);
    }

    @Test
    void drawRectOfOneByOneIsAPixelAndClipsAtTheEdges() {
        canvas.drawRect(7, 5, 1, 1, Color.WHITE);
        assertThat(lit(canvas)).containsExactly("7,5");

        canvas.clear();
        canvas.drawRect(-1, -1, 10, 8, Color.WHITE); // only the far sides are on the canvas
        assertThat(lit(canvas)).isEmpty();

        canvas.drawRect(-1, -1, 9, 7, Color.WHITE);
        Set<String> farSides = block(7, 0, 1, 6);
        farSides.addAll(block(0, 5, 8, 1));
        assertThat(lit(canvas)).isEqualTo(farSides);
    }

    @Test
    void drawImageCopiesEveryPixelIncludingBlackOnes() {
        canvas.fill(Color.WHITE);
        Canvas picture = new Canvas(2, 2);
        picture.setPixel(0, 0, Color.RED);
        picture.setPixel(1, 1, Color.BLUE);

        canvas.drawImage(3, 2, picture.snapshot());

        assertThat(canvas.getPixel(3, 2)).isEqualTo(Color.RED);
        assertThat(canvas.getPixel(4, 3)).isEqualTo(Color.BLUE);
        assertThat(canvas.getPixel(4, 2)).isEqualTo(Color.BLACK);
        assertThat(canvas.getPixel(3, 3)).isEqualTo(Color.BLACK);
        assertThat(canvas.getPixel(2, 2)).isEqualTo(Color.WHITE);
        assertThat(canvas.getPixel(5, 4)).isEqualTo(Color.WHITE);
    }

    @Test
    void drawImageIsClippedAtEveryEdge() {
        Canvas picture = new Canvas(3, 3);
        picture.fill(Color.GREEN);
        Frame image = picture.snapshot();

        canvas.drawImage(-2, -1, image);
        canvas.drawImage(6, 4, image);
        canvas.drawImage(100, 100, image);

        Set<String> expected = block(0, 0, 1, 2);
        expected.addAll(block(6, 4, 2, 2));
        assertThat(lit(canvas)).isEqualTo(expected);
    }

    @Test
    void snapshotIsAnImmutableCopy() {
        canvas.setPixel(1, 1, Color.RED);
        Frame before = canvas.snapshot();

        canvas.setPixel(2, 2, Color.RED);

        assertThat(before.pixel(2, 2)).isEqualTo(Color.BLACK);
        assertThat(canvas.matches(before)).isFalse();
        assertThat(canvas.matches(canvas.snapshot())).isTrue();
        assertThat(canvas.matches(null)).isFalse();
        assertThat(canvas.matches(Frame.black(6, 8))).isFalse();
    }

    @Test
    void drawTextRejectsAMissingFontByName() {
        assertThatThrownBy(() -> canvas.drawText((Font) null, 0, 0, Color.WHITE, "x")).hasMessage("font");
        assertThatThrownBy(() -> canvas.drawText((BitmapFont) null, 0, 0, Color.WHITE, "x")).hasMessage("font");
    }
}
