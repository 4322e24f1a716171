package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

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

    /** A deadline that passes when the test says so, not by itself. */
    static final class FiredDeadline implements UpdateSupervisor.Waiter {
        final Semaphore fire = new Semaphore(0);

        @Override
        public void await(CompletableFuture<Void> result, long deadlineNanos) throws InterruptedException {
            fire.acquire();
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

    private void start(UpdateSupervisor.Waiter waiter, int maxHung, Duration timeout) {
        List<PluginType> list = types.stream().map(HookedType::type).toList();
        fixture = new RuntimeFixture(dataDir, clock, timeout, Duration.ofMinutes(5), list,
                dataDir.resolve("no-plugins"), Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory()),
                Duration.ofMillis(150), waiter, maxHung);
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
    void anUpdateThatReturnedBeforeTheDeadlineFiredSucceeds() {
        HookedType p = type("p");
        FiredDeadline deadline = new FiredDeadline();
        start(deadline, 16, Duration.ofSeconds(5));

        fixture.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.calls.get() == 1 && p.running.get() == 0);
        deadline.fire.release(); // the deadline "passes" with the result already in

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
    void anUpdateThatReturnsJustAfterTheDeadlineFiredIsATimeoutAndItsResultIsIgnored() {
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
        deadline.fire.release();
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
    void pastTheMostHungUpdatesAllowedAnUpdateIsNotStartedAndSaysWhy() {
        HookedType hung = type("hung");
        HookedType other = type("other");
        start(UpdateSupervisor.Waiter.UNTIL_DEADLINE, 1, Duration.ofMillis(100));
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
