package dev.ledmatrix.plugin.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.graphics.TextOnCanvas;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.RenderContext;
import tools.jackson.databind.json.JsonMapper;

/** The text plugin: centred and still when it fits, moving left at its speed when it scrolls. */
class TextTypeTest {

    static final Instant SHOWN = Instant.parse("2026-11-25T10:00:00Z");
    static final Color ORANGE = Color.parse("#ffaa00");

    final JsonMapper json = JsonMapper.builder().build();

    private Plugin text(String config) {
        return new TextType().create(new PluginContext("message", PluginConfig.of(json.readTree(config)),
                Clock.systemUTC()));
    }

    /** The frame {@code elapsed} after the plugin came on screen. */
    private static Canvas frameAfter(Plugin plugin, Duration elapsed) {
        Canvas canvas = new Canvas(64, 32);
        plugin.render(canvas, new RenderContext(SHOWN.plus(elapsed), SHOWN, elapsed.toMillis() / 33));
        return canvas;
    }

    private static TextOnCanvas.Pen find(Canvas canvas, Font font, Color color, String text) {
        return TextOnCanvas.locate(canvas, font, color, text)
                .orElseThrow(() -> new AssertionError("the panel does not show exactly '" + text + "'"));
    }

    @Test
    void aShortStaticTextIsCentredAndStaysPut() {
        Plugin plugin = text("{\"text\":\"HI THERE\",\"color\":\"#ffaa00\"}");
        int width = Font.MEDIUM.bitmap().textWidth("HI THERE");

        TextOnCanvas.Pen first = find(frameAfter(plugin, Duration.ZERO), Font.MEDIUM, ORANGE, "HI THERE");
        TextOnCanvas.Pen later = find(frameAfter(plugin, Duration.ofSeconds(7)), Font.MEDIUM, ORANGE, "HI THERE");

        assertThat(first.x()).isEqualTo((64 - width) / 2);
        assertThat(first.baseline()).isBetween(Font.MEDIUM.bitmap().baseline(), 31);
        assertThat(later).isEqualTo(first);
    }

    @Test
    void aScrollingTextEntersFromTheRightAndMovesLeftAtItsSpeed() {
        Plugin plugin = text("{\"text\":\"HELLO\",\"color\":\"#ffaa00\",\"scroll\":true,\"speed\":20}");

        assertThat(TextOnCanvas.litColumns(frameAfter(plugin, Duration.ZERO), ORANGE)).as("starts off-screen")
                .isZero();
        TextOnCanvas.Pen atOne = find(frameAfter(plugin, Duration.ofSeconds(1)), Font.MEDIUM, ORANGE, "HELLO");
        TextOnCanvas.Pen atTwo = find(frameAfter(plugin, Duration.ofSeconds(2)), Font.MEDIUM, ORANGE, "HELLO");
        TextOnCanvas.Pen atTwoAndAHalf = find(frameAfter(plugin, Duration.ofMillis(2500)), Font.MEDIUM, ORANGE,
                "HELLO");

        assertThat(atOne.x()).isEqualTo(64 - 20);
        assertThat(atOne.x() - atTwo.x()).as("20 px per second").isEqualTo(20);
        assertThat(atTwo.x() - atTwoAndAHalf.x()).isEqualTo(10);
        assertThat(atTwo.baseline()).isEqualTo(atOne.baseline());
    }

    @Test
    void aScrollingTextComesRoundAgainAfterLeavingOnTheLeft() {
        Plugin plugin = text("{\"text\":\"HELLO\",\"scroll\":true,\"speed\":30}");
        int travel = 64 + Font.MEDIUM.bitmap().textWidth("HELLO");
        Duration lap = Duration.ofMillis(Math.ceilDiv(travel * 1000L, 30)); // the first moment of the second lap

        TextOnCanvas.Pen once = find(frameAfter(plugin, Duration.ofSeconds(1)), Font.MEDIUM, Color.WHITE, "HELLO");
        TextOnCanvas.Pen again = find(frameAfter(plugin, lap.plusSeconds(1)), Font.MEDIUM, Color.WHITE, "HELLO");

        assertThat(again).isEqualTo(once);
    }

    @Test
    void aTextWiderThanThePanelScrollsEvenWhenNotAskedTo() {
        String message = "THIS MESSAGE IS FAR TOO LONG";
        Plugin plugin = text("{\"text\":\"" + message + "\"}");
        assertThat(Font.MEDIUM.bitmap().textWidth(message)).isGreaterThan(64);

        TextOnCanvas.Pen early = find(frameAfter(plugin, Duration.ofSeconds(1)), Font.MEDIUM, Color.WHITE, message);
        TextOnCanvas.Pen late = find(frameAfter(plugin, Duration.ofSeconds(3)), Font.MEDIUM, Color.WHITE, message);

        assertThat(early.x() - late.x()).isEqualTo(60); // default speed 30 px/s
    }

    @Test
    void theBackgroundFillsEveryPixelTheTextLeaves() {
        Color navy = Color.parse("#000040");
        Canvas canvas = frameAfter(text("{\"text\":\"OK\",\"background\":\"#000040\",\"font\":\"small\"}"),
                Duration.ZERO);

        find(canvas, Font.SMALL, Color.WHITE, "OK");
        int other = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                Color c = canvas.getPixel(x, y);
                if (!c.equals(Color.WHITE) && !c.equals(navy)) {
                    other++;
                }
            }
        }
        assertThat(other).isZero();
        assertThat(canvas.getPixel(0, 0)).isEqualTo(navy);
    }

    @Test
    void aScrollingTextCompletesItsCycleOnlyOnceItHasScrolledThroughOnce() {
        Plugin plugin = text("{\"text\":\"A LONGER MESSAGE THAN FITS\",\"speed\":50}");
        int travel = 64 + Font.MEDIUM.bitmap().textWidth("A LONGER MESSAGE THAN FITS");
        Duration through = Duration.ofMillis(travel * 1000L / 50);

        for (Duration at : new Duration[] {Duration.ZERO, Duration.ofSeconds(1), through.minusMillis(40)}) {
            frameAfter(plugin, at);
            assertThat(plugin.isCycleComplete(new RenderContext(SHOWN.plus(at), SHOWN, 0))).as("after %s", at).isFalse();
        }
        frameAfter(plugin, through);
        assertThat(plugin.isCycleComplete(new RenderContext(SHOWN.plus(through), SHOWN, 0))).isTrue();
    }

    @Test
    void aStaticTextIsAlwaysComplete() {
        Plugin plugin = text("{\"text\":\"HI\"}");
        frameAfter(plugin, Duration.ZERO);
        assertThat(plugin.isCycleComplete(new RenderContext(SHOWN, SHOWN, 0))).isTrue();
    }
}
