package dev.ledmatrix.graphics;

import static dev.ledmatrix.graphics.TinyFont.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** What any line on the canvas must look like, whatever its ends. */
class CanvasLinePropertiesTest {

    @Property
    void aLineIsOnePixelPerStepAlongItsLongerAxisFromEndToEnd(@ForAll @IntRange(max = 19) int x0,
            @ForAll @IntRange(max = 14) int y0, @ForAll @IntRange(max = 19) int x1,
            @ForAll @IntRange(max = 14) int y1) {
        Canvas canvas = new Canvas(20, 15);

        canvas.drawLine(x0, y0, x1, y1, Color.WHITE);

        Set<String> lit = lit(canvas);
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        assertThat(lit).hasSize(steps + 1).contains(x0 + "," + y0, x1 + "," + y1);
        boolean shallow = Math.abs(x1 - x0) >= Math.abs(y1 - y0);
        for (String p : lit) {
            int x = Integer.parseInt(p.split(",")[0]);
            int y = Integer.parseInt(p.split(",")[1]);
            assertThat(x).isBetween(Math.min(x0, x1), Math.max(x0, x1));
            assertThat(y).isBetween(Math.min(y0, y1), Math.max(y0, y1));
            // Never further than half a pixel (plus rounding) from the ideal line along the shorter axis.
            double ideal = shallow
                    ? (x1 == x0 ? y0 : y0 + (double) (y1 - y0) * (x - x0) / (x1 - x0))
                    : (y1 == y0 ? x0 : x0 + (double) (x1 - x0) * (y - y0) / (y1 - y0));
            assertThat(Math.abs((shallow ? y : x) - ideal)).as("pixel %s", p).isLessThanOrEqualTo(0.5);
        }
    }

    @Property
    void aLineIsTheSamePixelsDrawnEitherWay(@ForAll @IntRange(min = -5, max = 24) int x0,
            @ForAll @IntRange(min = -5, max = 19) int y0, @ForAll @IntRange(min = -5, max = 24) int x1,
            @ForAll @IntRange(min = -5, max = 19) int y1) {
        Canvas forward = new Canvas(20, 15);
        Canvas backward = new Canvas(20, 15);

        forward.drawLine(x0, y0, x1, y1, Color.WHITE);
        backward.drawLine(x1, y1, x0, y0, Color.WHITE);

        assertThat(backward.snapshot()).isEqualTo(forward.snapshot());
    }
}
