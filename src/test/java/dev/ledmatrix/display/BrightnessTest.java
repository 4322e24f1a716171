package dev.ledmatrix.display;

import dev.ledmatrix.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Brightness: 1-100, persisted in the data directory across restarts, applied to the panel by the render loop. */
class BrightnessTest {

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    DisplayFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private DisplayFixture startDisplay() {
        if (fx != null) {
            fx.close();
        }
        fx = new DisplayFixture(dataDir, clock, DisplayFixture.properties(30, Duration.ofSeconds(5),
                Duration.ofSeconds(1)), List.of(DisplayTestTypes.still("still", null)));
        return fx;
    }

    @Test
    void withNothingStoredTheConfiguredBrightnessIsUsed() {
        startDisplay().loop.frame();
        assertThat(fx.display.info().brightness()).isEqualTo(100);
        assertThat(fx.panel.brightness()).isEqualTo(100);
    }

    @Test
    void aNewBrightnessReachesThePanelWithTheNextFrame() {
        startDisplay().loop.frame();

        fx.display.setBrightness(40);

        assertThat(fx.display.info().brightness()).isEqualTo(40);
        assertThat(fx.panel.brightness()).as("not from the caller's thread").isEqualTo(100);
        fx.loop.frame();
        assertThat(fx.panel.brightness()).isEqualTo(40);
    }

    @Test
    void theBrightnessSurvivesARestart() throws Exception {
        startDisplay().display.setBrightness(7);
        assertThat(Files.readString(dataDir.resolve("brightness")).strip()).isEqualTo("7");

        startDisplay();

        assertThat(fx.display.info().brightness()).isEqualTo(7);
        fx.loop.frame();
        assertThat(fx.panel.brightness()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, Integer.MAX_VALUE})
    void outOfRangeIsRefusedAndNothingChanges(int value) {
        startDisplay().display.setBrightness(50);

        assertThatThrownBy(() -> fx.display.setBrightness(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 100").hasMessageContaining(Integer.toString(value));

        assertThat(fx.display.info().brightness()).isEqualTo(50);
        assertThat(startDisplay().display.info().brightness()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bright", "0", "250", "12.5"})
    void anUnreadableStoredValueFallsBackToTheConfiguredBrightness(String content) throws Exception {
        Files.writeString(dataDir.resolve("brightness"), content);
        assertThat(startDisplay().display.info().brightness()).isEqualTo(100);
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        startDisplay().display.setBrightness(1);
        fx.loop.frame();
        assertThat(fx.panel.brightness()).isEqualTo(1);
        fx.display.setBrightness(100);
        fx.loop.frame();
        assertThat(fx.panel.brightness()).isEqualTo(100);
    }

    @Test
    void aBrightnessChangeIsRedrawnByThePanelAloneNotPushedAgainByTheLoop() {
        startDisplay().loop.frame();
        long pushes = fx.panel.pushCount();

        fx.display.setBrightness(40);
        fx.loop.frame();

        assertThat(fx.panel.brightness()).isEqualTo(40);
        // Panel.setBrightness redraws the frame on display (the native panel: one set_image and one swap); the
        // same frame pushed on top would be a second redraw and a second wait for vsync.
        assertThat(fx.panel.pushCount()).isEqualTo(pushes);
    }
}
