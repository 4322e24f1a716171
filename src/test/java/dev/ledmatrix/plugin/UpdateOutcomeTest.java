package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.StateInfo;
import dev.ledmatrix.state.StateTransition;
import dev.ledmatrix.testing.ManualClock;

/**
 * Which outcome an update gets when its timeout and its completion meet, forced both ways with a deadline the
 * test fires by hand; and the cap on threads held by hung updates.
 */
class UpdateOutcomeTest {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    RuntimeFixture fixture;
    final List<HookedType> types = new java.util.ArrayList<>();

    /** A deadline that passes when the test says so, not by itself; it fires on the test's thread. */
    static final class FiredDeadline implements UpdateSupervisor.Deadlines {
        private final BlockingQueue<FutureTask<Void>> pending = new LinkedBlockingQueue<>();

        private final BlockingQueue<Runnable> raw = new LinkedBlockingQueue<>();

        @Override
        public Future<?> at(long deadlineNanos, Runnable task) {
            FutureTask<Void> deadline = new FutureTask<>(task, null);
            pending.add(deadline);
            raw.add(task);
            return deadline;
        }

        /** The oldest deadline not yet fired passes now (a no-op if its update dropped it). */
        void fire() throws InterruptedException {
            FutureTask<Void> deadline = pending.poll(20, TimeUnit.SECONDS);
            assertThat(deadline).as("an update's deadline").isNotNull();
            raw.take();
            deadline.run();
        }

        /** The oldest deadline passes now even if its update dropped it: a timer task already running as it did. */
        void fireEvenIfDropped() throws InterruptedException {
            Runnable task = raw.poll(20, TimeUnit.SECONDS);
            assertThat(task).as("an update's deadline").isNotNull();
            pending.take();
            task.run();
        }
    }

    @AfterEach
    void close() {
        types.forEach(t -> t.release.countDown());
        if (fixture != null) {
            fixture.close();
        }
    }

    private HookedType type(String id) {
        HookedType t = new HookedType(id, INTERVAL);
        types.add(t);
        return t;
    }

    private void start(UpdateSupervisor.Deadlines deadlines, int maxHung, Duration timeout) {
        List<PluginType> list = types.stream().map(HookedType::type).toList();
        fixture = new RuntimeFixture(dataDir, clock, timeout, Duration.ofMinutes(5), list,
                dataDir.resolve("no-plugins"), Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory()),
                Duration.ofMillis(150), deadlines, maxHung);
        for (HookedType t : types) {
            fixture.actions.create(new InstanceSpec(t.id, t.id, true, null, null, null, null));
        }
    }

    private StateInfo info(String id) {
        return fixture.states.stateInfo(id);
    }

    private void assertNewestHistoryMatchesState(String id) {
        StateTransition newest = fixture.states.getStateHistory(id).getLast();
        assertThat(newest.to()).isEqualTo(info(id).state());
    }

    @Test
    void anUpdateThatReturnedBeforeTheDeadlineFiredSucceeds() throws Exception {
        HookedType p = type("p");
        FiredDeadline deadline = new FiredDeadline();
        start(deadline, 16, Duration.ofSeconds(5));

        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.calls.get() == 1 && p.running.get() == 0);
        deadline.fire(); // the deadline "passes" with the result already in

        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.idle("p"));
        assertThat(fixture.count("p", "update", "SUCCESS")).isEqualTo(1);
        assertThat(fixture.count("p", "update", "TIMEOUT")).isZero();
        assertThat(info("p").state()).isEqualTo(PluginState.ENABLED);
        assertThat(info("p").errorInfo()).isNull();
        assertThat(info("p").lastUpdate()).isEqualTo(clock.instant());
        assertThat(fixture.runtime.get("p").updates().consecutiveFailures()).isZero();
        assertNewestHistoryMatchesState("p");
    }

    @Test
    void anUpdateThatReturnsJustAfterTheDeadlineFiredIsATimeoutAndItsResultIsIgnored() throws Exception {
        HookedType p = type("p");
        CountDownLatch go = new CountDownLatch(1);
        p.hooksMayOverlapHungUpdates = true;
        p.behaviour = ctx -> {
            while (go.getCount() > 0) {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    // returns normally a moment later, as if it finished at the deadline
                }
            }
        };
        FiredDeadline deadline = new FiredDeadline();
        start(deadline, 16, Duration.ofSeconds(5));

        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.running.get() == 1);
        deadline.fire();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.count("p", "update", "TIMEOUT") == 1);
        go.countDown();

        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.idle("p"));
        assertThat(fixture.count("p", "update", "SUCCESS")).isZero();
        assertThat(info("p").state()).isEqualTo(PluginState.ENABLED);
        assertThat(info("p").errorInfo().errorType()).isEqualTo("Timeout");
        assertThat(info("p").errorInfo().consecutiveFailures()).isEqualTo(1);
        assertThat(info("p").lastUpdate()).isNull();
        assertThat(fixture.runtime.get("p").updates().consecutiveFailures()).isEqualTo(1);
        assertThat(fixture.runtime.get("p").updates().nextAttemptAt()).isEqualTo(info("p").errorInfo().nextAttemptAt());
        assertNewestHistoryMatchesState("p");
    }

    @Test
    void aDeadlineThatFiresAfterADisableStoppedTheUpdateRecordsNothingAndTheHungReportStays() throws Exception {
        HookedType p = type("p");
        FiredDeadline deadline = new FiredDeadline();
        start(deadline, 16, Duration.ofSeconds(5));
        p.behaviour = p.hang();

        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.running.get() == 1);
        fixture.actions.disable("p"); // stops the update: it ignores the interruption
        await().atMost(Duration.ofSeconds(20)).until(() -> info("p").hungUpdateSince() != null);
        deadline.fireEvenIfDropped(); // the timer had already taken the deadline task when the stop came

        assertThat(fixture.count("p", "update", "TIMEOUT")).isZero();
        assertThat(info("p").state()).isEqualTo(PluginState.DISABLED);
        assertThat(info("p").errorInfo()).isNull();
        assertThat(fixture.runtime.hungUpdates()).isEqualTo(1);
        assertThat(fixture.scheduler.runningSince("p")).as("the hung update still holds the id").isNotNull();
        assertNewestHistoryMatchesState("p");

        p.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.runtime.hungUpdates() == 0);
        assertThat(info("p").hungUpdateSince()).isNull();
        fixture.actions.enable("p");
        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.calls.get() == 2 && fixture.idle("p"));
        deadline.fire(); // the second update's deadline, after it succeeded: nothing changes
        assertThat(fixture.count("p", "update", "SUCCESS")).isEqualTo(1);
        assertThat(info("p").errorInfo()).isNull();
        assertThat(info("p").state()).isEqualTo(PluginState.ENABLED);
    }

    @Test
    void pastTheMostHungUpdatesAllowedAnUpdateIsNotStartedAndSaysWhy() {
        HookedType hung = type("hung");
        HookedType other = type("other");
        start(null, 1, Duration.ofMillis(100));
        hung.behaviour = hung.hang();
        fixture.tick(); // both start; "other" succeeds
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.runtime.hungUpdates() == 1 && fixture.idle("other"));
        assertThat(info("hung").hungUpdateSince()).isNotNull();

        clock.advance(INTERVAL);
        fixture.tick();
        assertThat(other.calls).hasValue(1);
        assertThat(info("other").state()).isEqualTo(PluginState.ENABLED);
        assertThat(info("other").errorInfo().errorType()).isEqualTo("HungUpdateLimit");
        assertThat(info("other").errorInfo().error()).contains("ledmatrix.scheduler.max-hung-updates=1");
        assertThatThrownBy(() -> fixture.actions.update("other")).isInstanceOf(PluginException.StateConflict.class);

        hung.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.runtime.hungUpdates() == 0);
        clock.advance(INTERVAL);
        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> other.calls.get() == 2 && fixture.idle("other"));
        assertThat(info("other").errorInfo()).isNull();
    }
}
