package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Frame;
import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.TimeWindow;
import dev.ledmatrix.plugin.builtin.BuiltinTypes;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.testing.ManualClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole display (render loop, planner, settings, real plugin runtime, emulator panel) stepped frame by frame on a
 * hand-moved clock: a planned off period with its reasons, an override surviving a restart until it expires, the
 * clock-sync hold, the real text plugin held to the end of its scroll but not past its cap, live content from a
 * plugin through the SPI.
 */
class ScreenLoopTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Tuesday 1 December 2026, 12:00 in Berlin
    static final Instant T0 = Instant.parse("2026-12-01T11:00:00Z");

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(T0);
    final List<DisplayFixture> fixtures = new ArrayList<>();
    DisplayFixture fx;

    @AfterEach
    void close() {
        fixtures.forEach(DisplayFixture::close);
    }

    private DisplayFixture start(Instant clockSetAfter, PluginType... types) {
        fx = new DisplayFixture(dataDir, clock, DisplayFixture.properties(30, Duration.ofSeconds(3),
                Duration.ofSeconds(1)), List.of(types), BERLIN, clockSetAfter);
        fixtures.add(fx);
        return fx;
    }

    private static PluginType still() {
        return DisplayTestTypes.still("plain", null);
    }

    private String step(Duration d) {
        clock.advance(d);
        fx.loop.frame();
        DisplayInfo info = fx.display.info();
        return info.currentPlugin() == null ? info.reason().json() : info.currentPlugin();
    }

    private boolean black() {
        return fx.loop.lastFrame().equals(Frame.black(DisplayFixture.WIDTH, DisplayFixture.HEIGHT));
    }

    @Test
    void offInTwoMinutesAndBackTwoMinutesLaterWithItsReasons() {
        start(Instant.EPOCH, still());
        fx.plugins.create("a", "plain", null);
        // on until 12:02, off 12:02-12:04, on again from 12:04 (Berlin)
        fx.display.setSchedule(new Schedule(null, List.of(new TimeWindow(List.of("tue"), "00:00", "12:02"),
                new TimeWindow(List.of("tue"), "12:04", "24:00")), List.of()));

        fx.loop.frame();
        DisplayInfo on = fx.display.info();
        assertThat(on.reason()).isEqualTo(ScreenReason.ROTATION);
        assertThat(on.power().until()).isEqualTo(T0.plusSeconds(120));
        assertThat(step(Duration.ofSeconds(119))).isEqualTo("a");

        assertThat(step(Duration.ofSeconds(1))).isEqualTo("schedule-off");
        assertThat(black()).isTrue();
        DisplayInfo off = fx.display.info();
        assertThat(off.nextChangeAt()).isEqualTo(T0.plusSeconds(240));
        assertThat(off.power().on()).isFalse();
        assertThat(off.power().manual()).isFalse();
        long rendered = fx.loop.framesRendered();
        assertThat(step(Duration.ofSeconds(60))).isEqualTo("schedule-off");
        assertThat(fx.loop.framesRendered()).as("the loop keeps running").isGreaterThan(rendered);

        assertThat(step(Duration.ofSeconds(60))).isEqualTo("a");
        assertThat(black()).isFalse();
        assertThat(fx.display.info().reason()).isEqualTo(ScreenReason.ROTATION);
    }

    @Test
    void aManualOverrideSurvivesARestartUntilItExpires() {
        start(Instant.EPOCH, still());
        fx.plugins.create("a", "plain", null);
        fx.display.setPower(false, T0.plusSeconds(600));
        assertThat(step(Duration.ofSeconds(1))).isEqualTo("power-off");
        fx.close();

        clock.advance(Duration.ofSeconds(60));
        start(Instant.EPOCH, still()); // same data directory: the plugin and the override come back
        fx.plugins.runtime().start();
        assertThat(step(Duration.ZERO)).isEqualTo("power-off");
        assertThat(fx.display.power()).isEqualTo(new DisplayPower(false, T0.plusSeconds(600), true));
        clock.advance(Duration.ofSeconds(540));
        assertThat(step(Duration.ZERO)).isEqualTo("a");
        assertThat(fx.display.power()).isEqualTo(new DisplayPower(true, null, false));
    }

    @Test
    void anUnsetClockHoldsTheScheduleUntilItIsSet() {
        // the clock counts as set from T0 + 1 min; the schedule says off all Tuesday
        start(T0.plusSeconds(60), still());
        fx.plugins.create("a", "plain", null);
        fx.display.setSchedule(new Schedule(null, List.of(new TimeWindow(List.of("wed"), "00:00", "24:00")),
                List.of(new DimWindow(null, "00:00", "24:00", 5))));
        assertThat(step(Duration.ZERO)).isEqualTo("a");
        DisplayInfo held = fx.display.info();
        assertThat(held.scheduleHeld()).isTrue();
        assertThat(held.effectiveBrightness()).isEqualTo(held.brightness());
        assertThat(fx.display.scheduleHeldBecause()).contains("earlier than this build");

        assertThat(step(Duration.ofSeconds(61))).isEqualTo("schedule-off");
        assertThat(fx.display.info().scheduleHeld()).isFalse();
        assertThat(fx.display.info().effectiveBrightness()).isEqualTo(5);
        assertThat(fx.panel.brightness()).isEqualTo(5);
        assertThat(fx.display.scheduleHeldBecause()).isNull();
    }

    @Test
    void aScrollingMessageIsShownToItsEndButNeverPastItsCap() {
        start(Instant.EPOCH, BuiltinTypes.text(), still());
        JsonMapper json = JsonMapper.builder().build();
        // 16 px panel; "HELLO" scrolls (scroll: true) through 16 + its width at 4 px/s
        int travel = DisplayFixture.WIDTH + dev.ledmatrix.graphics.Font.MEDIUM.bitmap().textWidth("HELLO");
        long throughMillis = travel * 1000L / 4;
        fx.plugins.actions().create(new InstanceSpec("m", "text", true, null, null, Duration.ofSeconds(2),
                json.readTree("{\"text\":\"HELLO\",\"scroll\":true,\"speed\":4}"), List.of(), false,
                Duration.ofSeconds(60)));
        fx.plugins.create("z", "plain", Duration.ofSeconds(1));
        assertThat(throughMillis).isBetween(10_000L, 59_000L);

        List<String> shown = new ArrayList<>();
        for (long ms = 0; ms <= throughMillis + 1000; ms += 250) {
            shown.add(step(Duration.ofMillis(ms == 0 ? 0 : 250)));
        }
        int last = shown.lastIndexOf("m");
        assertThat(shown.subList(0, last)).as("past its 2 s display duration, to the end of the scroll").containsOnly("m");
        assertThat(last * 250L).isBetween(throughMillis - 250, throughMillis + 250);
        assertThat(shown.get(last + 1)).isEqualTo("z");

        // a message that would take minutes to scroll through is cut at its 60 s cap
        fx.plugins.actions().updateConfig("m",
                json.readTree("{\"text\":\"HELLO AND WELCOME HOME\",\"scroll\":true,\"speed\":1}"));
        fx.plugins.actions().patch("m", s -> new InstanceSpec(s.id(), s.type(), s.enabled(), null, null,
                Duration.ofSeconds(2), s.config(), List.of(), false, Duration.ofSeconds(60)));
        String now;
        do {
            now = step(Duration.ofSeconds(1));
        } while (!now.equals("m"));
        int seconds = 1;
        while (step(Duration.ofSeconds(1)).equals("m")) {
            seconds++;
        }
        assertThat(seconds).isEqualTo(60);
    }

    @Test
    void livePluginsInterruptThroughTheSpiAndAPinBeatsThem() {
        AtomicBoolean game = new AtomicBoolean();
        PluginType score = new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return new PluginDescriptor("score", "Score", "1.0", "live when a game is on", Duration.ofHours(1),
                        null, null);
            }

            @Override
            public Plugin create(PluginContext context) {
                return new Plugin() {
                    @Override
                    public void render(dev.ledmatrix.graphics.Canvas canvas,
                            dev.ledmatrix.plugin.spi.RenderContext ctx) {
                        canvas.fill(Color.GREEN);
                    }

                    @Override
                    public boolean hasLiveContent() {
                        return game.get();
                    }
                };
            }
        };
        start(Instant.EPOCH, still(), score);
        fx.plugins.create("a", "plain", null);
        fx.plugins.create("b", "plain", null);
        fx.plugins.actions().create(new InstanceSpec("s", "score", true, null, null, null, null, List.of(), true, null));
        fx.plugins.actions().create(new InstanceSpec("t", "score", true, null, null, null, null, List.of(), false, null));

        assertThat(step(Duration.ZERO)).isEqualTo("a");
        game.set(true);
        fx.plugins.liveContent().poll();
        assertThat(step(Duration.ofSeconds(1))).isEqualTo("s");
        assertThat(fx.display.info().reason()).isEqualTo(ScreenReason.LIVE);
        assertThat(step(Duration.ofSeconds(30))).as("t has no live priority").isEqualTo("s");

        fx.display.pin("b", Duration.ofSeconds(5));
        assertThat(step(Duration.ofSeconds(1))).isEqualTo("b");
        assertThat(fx.display.info().reason()).isEqualTo(ScreenReason.PINNED);
        assertThat(step(Duration.ofSeconds(5))).isEqualTo("s");

        game.set(false);
        fx.plugins.liveContent().poll();
        // the rotation goes on after the pinned plugin (s is in the rotation too, like every instance)
        assertThat(step(Duration.ofSeconds(1))).isEqualTo("s");
        assertThat(fx.display.info().reason()).isEqualTo(ScreenReason.ROTATION);
        assertThat(step(Duration.ofSeconds(3))).isEqualTo("t");
    }
}
