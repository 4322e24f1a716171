package dev.ledmatrix.plugin.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.graphics.TextOnCanvas;
import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.RuntimeFixture;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.json.JsonMapper;

/** The clock draws the time of its own zone, in the chosen form, on a 64x32 panel. */
class ClockTypeTest {

    /** A Wednesday afternoon in November: CET (UTC+1) in Berlin, EST (UTC-5) in New York. */
    static final Instant AT = Instant.parse("2026-11-25T13:05:42Z");
    static final Color DATE_BLUE = Color.parse("#6080ff");

    final JsonMapper json = JsonMapper.builder().build();

    private Plugin clock(String config, Clock clock) throws Exception {
        return new ClockType().create(new PluginContext("clock", PluginConfig.of(json.readTree(config)), clock));
    }

    private static Canvas render(Plugin plugin) {
        Canvas canvas = new Canvas(64, 32);
        plugin.render(canvas, new RenderContext(AT, AT, 0));
        return canvas;
    }

    private static TextOnCanvas.Pen find(Canvas canvas, Font font, Color color, String text) {
        return TextOnCanvas.locate(canvas, font, color, text)
                .orElseThrow(() -> new AssertionError("the panel does not show exactly '" + text + "'"));
    }

    @Test
    void showsTwentyFourHourTimeAndTheDateInItsZone() throws Exception {
        Canvas canvas = render(clock("{\"timeZone\":\"Europe/Berlin\"}", Clock.fixed(AT, ZoneOffset.UTC)));

        TextOnCanvas.Pen time = find(canvas, Font.MEDIUM, Color.WHITE, "14:05");
        TextOnCanvas.Pen date = find(canvas, Font.SMALL, DATE_BLUE, "Wed 25 Nov");
        assertThat(time.x()).as("centred").isEqualTo((64 - Font.MEDIUM.bitmap().textWidth("14:05")) / 2);
        assertThat(date.baseline()).as("date below the time").isGreaterThan(time.baseline());
    }

    @Test
    void showsTwelveHourTimeWithAmPm() throws Exception {
        Canvas canvas = render(clock("{\"timeZone\":\"America/New_York\",\"format\":\"12h\",\"showDate\":false}",
                Clock.fixed(AT, ZoneOffset.UTC)));

        find(canvas, Font.MEDIUM, Color.WHITE, "8:05 AM");
        assertThat(TextOnCanvas.litColumns(canvas, DATE_BLUE)).as("no date").isZero();
    }

    @Test
    void showsSecondsInItsOwnColourWhenAsked() throws Exception {
        Canvas canvas = render(clock("{\"showSeconds\":true,\"showDate\":false,\"color\":\"#ff0000\"}",
                Clock.fixed(AT, ZoneOffset.UTC)));

        find(canvas, Font.MEDIUM, Color.RED, "13:05:42");
    }

    @Test
    void anUpdateMovesTheTimeOn() throws Exception {
        Clock[] now = {Clock.fixed(AT, ZoneOffset.UTC)};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this; // deliberately ignores the zone: the plugin must not depend on it
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        };
        Plugin plugin = clock("{\"timeZone\":\"Asia/Kolkata\",\"showDate\":false}", moving);
        find(render(plugin), Font.MEDIUM, Color.WHITE, "18:35");

        now[0] = Clock.fixed(AT.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        find(render(plugin), Font.MEDIUM, Color.WHITE, "18:35"); // render only draws what update computed
        plugin.update(new UpdateContext(Duration.ofSeconds(1), AT.plusSeconds(1), moving));

        find(render(plugin), Font.MEDIUM, Color.WHITE, "19:05");
    }

    @Test
    void anUnknownTimeZoneFailsCreationWithAMessageThatSaysWhatToUse() {
        assertThatThrownBy(() -> clock("{\"timeZone\":\"Mars/Olympus_Mons\"}", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown time zone 'Mars/Olympus_Mons'")
                .hasMessageContaining("Europe/Berlin");
    }

    @Test
    void anUnknownTimeZoneLeavesTheInstanceInErrorUntilTheConfigIsFixed(@TempDir Path dataDir) {
        try (RuntimeFixture fixture = new RuntimeFixture(dataDir, Clock.fixed(AT, ZoneOffset.UTC),
                Duration.ofSeconds(5), Duration.ofMinutes(5), List.of(new ClockType()))) {
            fixture.runtime().create(new InstanceSpec("mars", "clock", true, null, null, null,
                    json.readTree("{\"timeZone\":\"Mars/Olympus_Mons\"}")));

            assertThat(fixture.states().getState("mars")).isEqualTo(PluginState.ERROR);
            ErrorInfo info = fixture.states().getErrorInfo("mars").orElseThrow();
            assertThat(info.error()).isEqualTo("creating the plugin failed: unknown time zone 'Mars/Olympus_Mons' "
                    + "(use an IANA name such as Europe/Berlin or America/New_York)");
            assertThat(info.errorType()).isEqualTo("IllegalArgumentException");
            assertThat(info.recoverable()).isFalse();

            fixture.runtime().updateConfig("mars", json.readTree("{\"timeZone\":\"Europe/Berlin\"}"));

            assertThat(fixture.states().getState("mars")).isEqualTo(PluginState.ENABLED);
            assertThat(fixture.states().getErrorInfo("mars")).isEmpty();
        }
    }
}
