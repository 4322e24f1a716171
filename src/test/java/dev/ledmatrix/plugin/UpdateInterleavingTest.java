package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.StateInfo;
import dev.ledmatrix.testing.ManualClock;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Each interleaving of issue 9, forced with latches and a held executor rather than hoped for: an update cancelled
 * before its thread ran, lifecycle actions racing a reservation, a hung update through every lifecycle action,
 * late writes after a delete, and a delete racing other actions followed by a restart.
 */
class UpdateInterleavingTest {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofMillis(150);

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    final HeldExecutor held = new HeldExecutor();
    final HookedType hooked = new HookedType("hooked", INTERVAL);
    RuntimeFixture fixture;

    enum Action { DISABLE_ENABLE, RELOAD, CONFIG_CHANGE, DELETE_RECREATE }

    enum Racer { DISABLE, RELOAD, DELETE }

    enum Hung { DISABLE, ENABLE, RESET, RELOAD, DELETE_RECREATE }

    @AfterEach
    void close() {
        hooked.release.countDown();
        held.release();
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Duration timeout, boolean holdThreads) {
        fixture = new RuntimeFixture(dataDir, clock, timeout, Duration.ofMinutes(5), List.of(hooked.type()),
                dataDir.resolve("no-plugins"), holdThreads ? held : java.util.concurrent.Executors
                        .newThreadPerTaskExecutor(Thread.ofVirtual().factory()), GRACE, null, 16);
        create();
    }

    private void create() {
        fixture.actions.create(new InstanceSpec("p", hooked.id, true, null, null, null, null));
    }

    private StateInfo info() {
        return fixture.states.stateInfo("p");
    }

    /** Ticks, moving the clock past any wait, until the plugin has updated {@code calls} times and is idle again. */
    private void awaitUpdates(int calls) {
        // Checked before ticking: a tick reserves the next update at once, so right after it the plugin is rarely
        // idle, however well it updates.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (hooked.calls.get() >= calls && fixture.idle("p") && info().state() == PluginState.ENABLED) {
                return true;
            }
            clock.advance(INTERVAL.multipliedBy(2));
            fixture.tick();
            return false;
        });
    }

    private void act(Action action) {
        switch (action) {
            case DISABLE_ENABLE -> {
                fixture.actions.disable("p");
                fixture.actions.enable("p");
            }
            case RELOAD -> fixture.actions.reload("p");
            case CONFIG_CHANGE -> fixture.actions.updateConfig("p", JsonNodeFactory.instance.objectNode().put("n", 2));
            case DELETE_RECREATE -> {
                fixture.actions.delete("p");
                create();
            }
        }
    }

    // --- 1. cancelled before the thread ran ------------------------------------------------------

    @Test
    void anUpdateTimedOutBeforeItsThreadRanDoesNotStallThePlugin() throws Exception {
        start(Duration.ofMillis(100), true);
        fixture.tick();
        held.awaitQueued(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.count("p", "update", "TIMEOUT") == 1);
        assertThat(info().state()).isEqualTo(PluginState.ENABLED);

        held.release(); // the thread finally runs, and finds its update cancelled

        awaitUpdates(1);
        assertThat(hooked.violations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void anUpdateCancelledByALifecycleActionBeforeItsThreadRanDoesNotStallThePlugin(Action action) throws Exception {
        start(Duration.ofSeconds(5), true);
        fixture.tick();
        held.awaitQueued(1);

        act(action);
        held.release();

        awaitUpdates(1);
        assertThat(hooked.violations).isEmpty();
        assertThat(hooked.maxRunning).hasValue(1);
    }

    // --- 2. lifecycle actions racing a reservation ------------------------------------------------

    @ParameterizedTest
    @EnumSource(Racer.class)
    void noUpdateStartsOnAPluginWhoseOnDisableHasBegun(Racer racer) throws Exception {
        start(Duration.ofSeconds(5), false);
        hooked.disableGate = new CountDownLatch(1);
        Thread actor = Thread.ofPlatform().start(() -> {
            switch (racer) {
                case DISABLE -> fixture.actions.disable("p");
                case RELOAD -> fixture.actions.reload("p");
                case DELETE -> fixture.actions.delete("p");
            }
        });
        assertThat(hooked.disableEntered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        fixture.tick(); // the plugin is due (never updated): the tick races the action's hooks
        Thread.sleep(200); // time for an update to run, if one was started
        hooked.disableGate.countDown();
        actor.join(5000);

        assertThat(hooked.violations).isEmpty();
        switch (racer) {
            case DISABLE -> assertThat(info().state()).isEqualTo(PluginState.DISABLED);
            case RELOAD -> awaitUpdates(1);
            case DELETE -> assertThat(fixture.states.pluginIds()).doesNotContain("p");
        }
        assertThat(fixture.states.getStateHistory("p").stream().filter(t -> t.to() == PluginState.RUNNING)
                .filter(t -> racer != Racer.RELOAD)).isEmpty();
    }

    // --- 3. a hung update through every lifecycle action ------------------------------------------

    private void hangOnce() {
        hooked.behaviour = hooked.hang();
        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> info().hungUpdateSince() != null);
    }

    @ParameterizedTest
    @EnumSource(Hung.class)
    void aHungUpdateStaysReportedThroughLifecycleActionsAndNeverGetsASecondThread(Hung action) {
        start(Duration.ofMillis(100), false);
        hangOnce();
        Instant since = info().hungUpdateSince();

        switch (action) {
            case DISABLE -> fixture.actions.disable("p");
            case ENABLE -> {
                fixture.actions.disable("p");
                fixture.actions.enable("p");
            }
            case RESET -> fixture.actions.reset("p");
            case RELOAD -> fixture.actions.reload("p");
            case DELETE_RECREATE -> {
                fixture.actions.delete("p");
                create();
            }
        }
        assertThat(info().hungUpdateSince()).isEqualTo(since);
        assertThat(fixture.runtime.get("p").updates().hungSince()).isEqualTo(since);
        if (action != Hung.DISABLE) {
            for (int i = 0; i < 5; i++) {
                clock.advance(INTERVAL.multipliedBy(2));
                fixture.tick();
            }
            assertThat(hooked.calls).hasValue(1); // no second thread while the first holds on
            assertThat(info().state()).isEqualTo(PluginState.ENABLED);
            assertThat(info().hungUpdateSince()).isEqualTo(since);
        }

        hooked.behaviour = TestTypes.SUCCEED;
        hooked.release.countDown();
        if (action == Hung.DISABLE) {
            await().atMost(Duration.ofSeconds(20)).until(() -> info().hungUpdateSince() == null);
            fixture.actions.enable("p");
        }
        awaitUpdates(2);
        assertThat(info().hungUpdateSince()).isNull();
        assertThat(hooked.maxRunning).hasValue(1);
        assertThat(hooked.violations).isEmpty();
    }

    // --- 4. late writes after a delete ------------------------------------------------------------

    @Test
    void aRenderThatEndsAfterTheDeleteLeavesNoTrace() throws Exception {
        start(Duration.ofSeconds(5), false);
        hooked.renderGate = new CountDownLatch(1);
        Thread render = Thread.ofPlatform().start(() -> fixture.render("p", new Canvas(8, 8),
                new RenderContext(clock.instant(), clock.instant(), 1)));
        assertThat(hooked.renderEntered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        fixture.actions.delete("p");
        hooked.renderGate.countDown();
        render.join(5000);

        assertThat(fixture.states.pluginIds()).doesNotContain("p");
        assertThat(fixture.eventsAfterRemoval("p")).isEmpty();
        hooked.renderGate = null;
        create();
        assertThat(info().lastDisplay()).isNull();
        assertThat(fixture.states.getStateHistory("p").getFirst().from()).isEqualTo(PluginState.UNLOADED);
    }

    @Test
    void aHungUpdateThatEndsAfterTheDeleteLeavesNoTrace() throws Exception {
        start(Duration.ofMillis(100), false);
        hooked.behaviour = hooked.hang();
        fixture.tick();
        // Until the scheduler has noticed it hangs (both designs notice it within a few ticks of the grace).
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofMillis(100));
            fixture.tick();
            return fixture.runtime.get("p").updates().hungSince() != null;
        });

        fixture.actions.delete("p");
        hooked.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> hooked.running.get() == 0);
        Thread.sleep(200); // the update's thread ends after its plugin code returned

        assertThat(fixture.states.pluginIds()).doesNotContain("p");
        assertThat(fixture.eventsAfterRemoval("p")).isEmpty();
        create();
        assertThat(info().lastUpdate()).isNull();
        assertThat(info().errorInfo()).isNull();
        assertThat(fixture.states.getStateHistory("p").getFirst().from()).isEqualTo(PluginState.UNLOADED);
    }

    // --- 5. a delete racing other actions, then a restart -------------------------------------------

    enum Follower { CONFIG_CHANGE, ENABLE, DISABLE, RELOAD }

    @ParameterizedTest
    @EnumSource(Follower.class)
    void aDeletedInstanceStaysGoneWhatEverWasQueuedBehindTheDelete(Follower follower) throws Exception {
        start(Duration.ofSeconds(5), false);
        hooked.disableGate = new CountDownLatch(1);
        Thread deleter = Thread.ofPlatform().start(() -> fixture.actions.delete("p"));
        assertThat(hooked.disableEntered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        ManagedPlugin mp = fixture.instances.get("p");
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                switch (follower) {
                    case CONFIG_CHANGE -> fixture.actions.updateConfig("p",
                            JsonNodeFactory.instance.objectNode().put("n", 3));
                    case ENABLE -> fixture.actions.enable("p");
                    case DISABLE -> fixture.actions.disable("p");
                    case RELOAD -> fixture.actions.reload("p");
                }
            } catch (PluginException.NotFound e) {
                // the right answer: it was deleted first
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> mp.lifecycle.hasQueuedThread(other));
        hooked.disableGate.countDown();
        deleter.join(5000);
        other.join(5000);

        assertThat(fixture.runtime.find("p")).isEmpty();
        assertThat(fixture.states.pluginIds()).doesNotContain("p");
        fixture.close();
        fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5),
                List.of(hooked.type()));
        fixture.runtime.start();
        assertThat(fixture.runtime.find("p")).isEmpty();
    }
}
