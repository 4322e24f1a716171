package dev.ledmatrix.display;

import dev.ledmatrix.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Frame;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginState;

/**
 * The render loop stepped one frame at a time on a hand-moved clock, around the real plugin runtime and renderer
 * and an emulator panel: which plugin is on screen when, pinning through the display service, what is pushed.
 */
class RenderLoopTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(T0);
    final AtomicInteger movingRenders = new AtomicInteger();
    DisplayFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(DisplayProperties properties, PluginType... types) {
        fx = new DisplayFixture(dataDir, clock, properties, List.of(types));
    }

    private void start(PluginType... types) {
        start(DisplayFixture.properties(30, Duration.ofSeconds(3), Duration.ofSeconds(1)), types);
    }

    /** Runs one frame per second of clock time and returns the plugin on screen after each. */
    private List<String> seconds(int count) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fx.loop.frame();
            shown.add(fx.loop.current());
            clock.advance(Duration.ofSeconds(1));
        }
        return shown;
    }

    @Test
    void eachPluginStaysForItsInstanceDurationElseItsTypeDefaultElseTheDisplayDefault() {
        start(DisplayTestTypes.still("plain", null), DisplayTestTypes.still("typed", Duration.ofSeconds(4)));
        fx.plugins.create("a", "plain", Duration.ofSeconds(2)); // instance setting
        fx.plugins.create("b", "typed", null);                  // type default 4 s
        fx.plugins.create("c", "plain", null);                  // ledmatrix.display.default-duration 3 s
        fx.plugins.create("d", "typed", Duration.ofSeconds(1)); // instance beats type

        assertThat(seconds(11)).containsExactly("a", "a", "b", "b", "b", "b", "c", "c", "c", "d", "a");
    }

    @Test
    void rotationOrderPutsTheNamedPluginsFirstAndTheRestFollowById() {
        start(DisplayFixture.properties(30, Duration.ofSeconds(1), Duration.ofSeconds(1), "d", "b", "nosuch"),
                DisplayTestTypes.still("plain", null));
        for (String id : List.of("a", "b", "c", "d")) {
            fx.plugins.create(id, "plain", null);
        }

        assertThat(seconds(5)).containsExactly("d", "b", "a", "c", "d");
    }

    @Test
    void disabledAndUnbuildablePluginsAreSkipped() {
        start(DisplayTestTypes.still("plain", null), DisplayTestTypes.broken("broken"));
        fx.plugins.create("a", "plain", Duration.ofSeconds(1));
        fx.plugins.create("b", "broken", null);
        fx.plugins.create("c", "plain", Duration.ofSeconds(1));
        fx.plugins.create("d", "plain", Duration.ofSeconds(1));
        fx.plugins.runtime().disable("c");
        assertThat(fx.plugins.states().getState("b")).isEqualTo(PluginState.ERROR);

        assertThat(seconds(4)).containsExactly("a", "d", "a", "d");

        fx.plugins.runtime().enable("c");
        assertThat(seconds(3)).containsExactly("a", "c", "d");
    }

    @Test
    void aPluginWhoseRenderKeepsFailingCoolsDownOutOfRotationThenComesBack() {
        start(DisplayTestTypes.throwing("bad"), DisplayTestTypes.still("good", null));
        fx.plugins.create("a-bad", "bad", Duration.ofSeconds(10));
        fx.plugins.create("b-good", "good", Duration.ofSeconds(10));

        // Three failed renders in a row (its frames dropped, nothing pushed), then it is skipped.
        assertThat(seconds(3)).containsOnly("a-bad");
        assertThat(fx.plugins.renders("a-bad", "FAILURE")).isEqualTo(3);
        assertThat(fx.panel.pushCount()).isZero();
        assertThat(seconds(29)).containsOnly("b-good"); // the cooldown is 30 s from the third failure
        assertThat(seconds(12)).contains("a-bad");
        assertThat(fx.plugins.renders("a-bad", "FAILURE")).isGreaterThan(3);
    }

    @Test
    void aRenderThatThrowsDropsItsFrameAndTheLastGoodFrameStays() {
        start(DisplayTestTypes.moving("moving", movingRenders), DisplayTestTypes.throwing("bad"));
        fx.plugins.create("a", "moving", Duration.ofSeconds(2));
        fx.plugins.create("b", "bad", Duration.ofSeconds(2));
        seconds(2);
        Frame lastGood = fx.panel.lastFrame().orElseThrow();
        long pushed = fx.panel.pushCount();

        assertThat(seconds(1)).containsExactly("b");

        assertThat(fx.plugins.renders("b", "FAILURE")).isEqualTo(1);
        assertThat(fx.panel.pushCount()).isEqualTo(pushed);
        assertThat(fx.panel.lastFrame()).contains(lastGood);
        assertThat(fx.display.currentFrame()).isEqualTo(lastGood);
    }

    @Test
    void aRenderThatNeverReturnsCostsOneBudgetThenThePluginIsLeftOutWhileItHangs() throws Exception {
        var entered = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        start(DisplayFixture.properties(30, Duration.ofSeconds(5), Duration.ofMillis(50)),
                DisplayTestTypes.blocking("stuck", entered, release), DisplayTestTypes.moving("moving", movingRenders));
        fx.plugins.create("a", "stuck", null);
        fx.plugins.create("b", "moving", null);
        try {
            // A hang guard, not a timing assertion: the frame returns once the 50 ms budget has passed.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fx.loop.frame());
            assertThat(entered.getCount()).isZero();
            assertThat(fx.plugins.renders("a", "OVERRUN")).isEqualTo(1);
            assertThat(fx.panel.pushCount()).isZero();

            // Still hanging: out of rotation at once, although its turn has 5 s to go.
            fx.loop.frame();
            assertThat(fx.loop.current()).isEqualTo("b");
            assertThat(fx.panel.pushCount()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void identicalFramesAreNotPushedAgain() {
        start(DisplayTestTypes.still("still", null), DisplayTestTypes.moving("moving", movingRenders));
        fx.plugins.create("a", "still", Duration.ofSeconds(10));
        fx.plugins.create("b", "moving", Duration.ofSeconds(10));

        for (int i = 0; i < 20; i++) {
            fx.loop.frame();
        }
        assertThat(fx.loop.current()).isEqualTo("a");
        assertThat(fx.loop.framesRendered()).isEqualTo(20);
        assertThat(fx.panel.pushCount()).isEqualTo(1);
        assertThat(fx.loop.framesPushed()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            fx.loop.frame();
        }
        assertThat(fx.loop.current()).isEqualTo("b");
        assertThat(movingRenders).hasValue(20);
        assertThat(fx.panel.pushCount()).isEqualTo(21);
        assertThat(fx.display.info().framesPushed()).isEqualTo(21);
    }

    @Test
    void framesGoToListenersWithIncreasingNumbers() throws Exception {
        start(DisplayTestTypes.moving("moving", movingRenders));
        fx.plugins.create("a", "moving", null);
        List<Long> seen = new ArrayList<>();
        try (AutoCloseable subscription = fx.display.subscribe((frame, seq) -> seen.add(seq))) {
            for (int i = 0; i < 3; i++) {
                fx.loop.frame();
            }
        }
        fx.loop.frame();
        assertThat(seen).containsExactly(1L, 2L, 3L);
    }

    @Test
    void nothingShowableShowsBlack() {
        start(DisplayTestTypes.still("still", null));
        fx.plugins.create("a", "still", null);
        fx.loop.frame();
        fx.plugins.runtime().disable("a");
        fx.loop.frame();
        assertThat(fx.loop.current()).isNull();
        assertThat(fx.panel.lastFrame()).contains(Frame.black(DisplayFixture.WIDTH, DisplayFixture.HEIGHT));
    }

    @Test
    void theLastDisplayTimeIsRecordedInTheStateManager() {
        start(DisplayTestTypes.still("still", null));
        fx.plugins.create("a", "still", Duration.ofSeconds(5));
        fx.plugins.create("b", "still", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(1));

        fx.loop.frame();

        assertThat(fx.plugins.states().getLastDisplay("a")).contains(T0.plusSeconds(1));
        assertThat(fx.plugins.states().getLastDisplay("b")).isEmpty();
        assertThat(fx.plugins.states().stateInfo("a").lastDisplay()).isEqualTo(T0.plusSeconds(1));
    }

    // --- pinning through the display service ------------------------------------------------------

    @Test
    void aPinForADurationHoldsThePluginThenEndsByItselfAndTheRotationGoesOn() {
        start(DisplayTestTypes.still("plain", null));
        for (String id : List.of("a", "b", "c")) {
            fx.plugins.create(id, "plain", Duration.ofSeconds(2));
        }
        fx.loop.frame();

        Pin pin = fx.display.pin("c", Duration.ofSeconds(6));

        assertThat(pin).isEqualTo(new Pin("c", T0, T0.plusSeconds(6)));
        assertThat(fx.display.info().pinned()).isEqualTo(pin);
        assertThat(seconds(6)).containsOnly("c");
        assertThat(seconds(3)).containsExactly("a", "a", "b");
        assertThat(fx.display.info().pinned()).isNull();
    }

    @Test
    void aPinWithoutDurationHoldsUntilUnpinned() {
        start(DisplayTestTypes.still("plain", null));
        fx.plugins.create("a", "plain", Duration.ofSeconds(1));
        fx.plugins.create("b", "plain", Duration.ofSeconds(1));
        fx.display.pin("b", null);

        assertThat(seconds(100)).containsOnly("b");
        assertThat(fx.display.info().currentPlugin()).isEqualTo("b");
        assertThat(fx.display.info().pinned().until()).isNull();

        fx.display.unpin();
        assertThat(seconds(2)).containsExactly("a", "b");
        assertThat(fx.display.info().pinned()).isNull();
    }

    @Test
    void aPinOfAPluginThatCannotBeShownIsRefusedAndChangesNothing() {
        start(DisplayTestTypes.still("plain", null), DisplayTestTypes.broken("broken"));
        fx.plugins.create("a", "plain", null);
        fx.plugins.create("b", "plain", null);
        fx.plugins.create("c", "broken", null);
        fx.plugins.runtime().disable("b");

        assertThatThrownBy(() -> fx.display.pin("b", null))
                .isInstanceOfSatisfying(PluginException.StateConflict.class,
                        e -> assertThat(e.currentState()).isEqualTo(PluginState.DISABLED));
        assertThatThrownBy(() -> fx.display.pin("c", Duration.ofSeconds(5)))
                .isInstanceOf(PluginException.StateConflict.class);
        assertThatThrownBy(() -> fx.display.pin("nosuch", null)).isInstanceOf(PluginException.NotFound.class);
        assertThat(fx.display.info().pinned()).isNull();
        assertThat(seconds(1)).containsExactly("a");
    }

    @Test
    void aPinnedPluginThatIsDisabledLeavesTheScreenAndReturnsWhenEnabled() {
        start(DisplayTestTypes.still("plain", null));
        fx.plugins.create("a", "plain", Duration.ofSeconds(1));
        fx.plugins.create("b", "plain", Duration.ofSeconds(1));
        fx.display.pin("b", null);
        assertThat(seconds(2)).containsOnly("b");

        fx.plugins.runtime().disable("b");
        assertThat(seconds(2)).containsOnly("a");

        fx.plugins.runtime().enable("b");
        assertThat(seconds(2)).containsOnly("b");
    }
}
