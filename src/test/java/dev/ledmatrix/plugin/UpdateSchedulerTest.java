package dev.ledmatrix.plugin;

import dev.ledmatrix.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.plugin.TestTypes.Probe;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.StateTransition;

/**
 * The scheduler against plugins that succeed, throw, throw an Error, time out, ignore interruption and are slow.
 * Time for "when is the next attempt due" is a hand-moved clock; timeouts are real (short) time.
 */
class UpdateSchedulerTest {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    RuntimeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Duration timeout, PluginType... types) {
        fixture = new RuntimeFixture(dataDir, clock, timeout, Duration.ofMinutes(5), List.of(types));
        for (PluginType type : types) {
            fixture.actions.create(new InstanceSpec(type.descriptor().id(), type.descriptor().id(), true, null,
                    null, null, null));
        }
    }

    private PluginState state(String id) {
        return fixture.states.getState(id);
    }

    private ErrorInfo error(String id) {
        return fixture.states.getErrorInfo(id).orElse(null);
    }

    @Test
    void successReturnsToEnabledAndRecordsTheUpdate() {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("ok", INTERVAL, probe, TestTypes.SUCCEED));

        fixture.scheduler.tick();

        await().until(() -> fixture.count("ok", "update", "SUCCESS") == 1);
        await().until(() -> state("ok") == PluginState.ENABLED);
        assertThat(fixture.states.getLastUpdate("ok")).contains(clock.instant());
        assertThat(error("ok")).isNull();
        List<StateTransition> history = fixture.states.getStateHistory("ok");
        assertThat(history).extracting(t -> t.from().jsonName() + ">" + t.to().jsonName())
                .containsSubsequence("enabled>running", "running>enabled");
    }

    @Test
    void notDueAgainUntilOneIntervalAfterTheStartOfASuccess() {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("ok", INTERVAL, probe, TestTypes.SUCCEED));
        fixture.scheduler.tick();
        await().until(() -> fixture.count("ok", "update", "SUCCESS") == 1 && state("ok") == PluginState.ENABLED
                && fixture.runtime.get("ok").updates().runningSince() == null);

        clock.advance(INTERVAL.minusMillis(1));
        fixture.scheduler.tick();
        assertThat(probe.calls).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        fixture.scheduler.tick();
        await().until(() -> probe.calls.get() == 2);
    }

    @Test
    void anExceptionLeavesThePluginEnabledWithRecoverableErrorAndWaitsOneIntervalFromTheFailure() {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("flaky", INTERVAL, probe, TestTypes.THROW));

        fixture.scheduler.tick();

        await().until(() -> fixture.count("flaky", "update", "FAILURE") == 1);
        await().until(() -> fixture.runtime.get("flaky").updates().runningSince() == null);
        assertThat(state("flaky")).isEqualTo(PluginState.ENABLED);
        ErrorInfo info = error("flaky");
        assertThat(info.error()).isEqualTo("upstream said no");
        assertThat(info.errorType()).isEqualTo("IllegalStateException");
        assertThat(info.recoverable()).isTrue();
        assertThat(info.consecutiveFailures()).isEqualTo(1);
        assertThat(info.nextAttemptAt()).isEqualTo(info.timestamp().plus(INTERVAL));
        assertThat(fixture.states.getStateHistory("flaky").getLast().error()).isEqualTo("upstream said no");

        clock.advance(INTERVAL.minusMillis(1));
        fixture.scheduler.tick();
        assertThat(probe.calls).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        fixture.scheduler.tick();
        await().until(() -> probe.calls.get() == 2);
    }

    @Test
    void anErrorIsAFailureLikeAnyOther() {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("buggy", INTERVAL, probe, TestTypes.THROW_ERROR));

        fixture.scheduler.tick();

        await().until(() -> fixture.count("buggy", "update", "FAILURE") == 1);
        assertThat(state("buggy")).isEqualTo(PluginState.ENABLED);
        assertThat(error("buggy").errorType()).isEqualTo("AssertionError");
    }

    @Test
    void aTimeoutInterruptsTheUpdateAndIsRecoverable() {
        Probe probe = new Probe();
        start(Duration.ofMillis(200), TestTypes.type("slow", INTERVAL, probe, TestTypes.sleep(Duration.ofMinutes(1))));

        fixture.scheduler.tick();

        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.count("slow", "update", "TIMEOUT") == 1);
        await().until(() -> probe.interrupted.get() == 1);
        assertThat(state("slow")).isEqualTo(PluginState.ENABLED);
        ErrorInfo info = error("slow");
        assertThat(info.errorType()).isEqualTo("Timeout");
        assertThat(info.error()).contains("did not finish within 0.2s");
        assertThat(info.recoverable()).isTrue();
        await().until(() -> fixture.runtime.get("slow").updates().runningSince() == null);
    }

    @Test
    void aSlowUpdateWithinItsTimeoutSucceeds() {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("slowish", INTERVAL, probe, TestTypes.sleep(Duration.ofMillis(300))));

        fixture.scheduler.tick();
        await().until(() -> state("slowish") == PluginState.RUNNING || probe.calls.get() == 1);
        fixture.scheduler.tick(); // a tick while it runs starts nothing

        await().until(() -> fixture.count("slowish", "update", "SUCCESS") == 1);
        assertThat(probe.calls).hasValue(1);
        assertThat(state("slowish")).isEqualTo(PluginState.ENABLED);
    }

    @Test
    void anUpdateThatIgnoresInterruptionIsIsolatedReportedAndNeverDoubled() throws Exception {
        Probe hung = new Probe();
        Probe healthy = new Probe();
        start(Duration.ofMillis(100),
                TestTypes.type("hung", Duration.ofMillis(1), hung, TestTypes.ignoreInterruption(hung)),
                TestTypes.type("healthy", Duration.ofMillis(1), healthy, TestTypes.SUCCEED));

        fixture.scheduler.tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.count("hung", "update", "TIMEOUT") == 1);
        assertThat(state("hung")).isEqualTo(PluginState.ENABLED);

        // Keep ticking well past the interval: the healthy plugin goes on, the hung one never runs twice.
        long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            fixture.scheduler.tick();
            Thread.sleep(20);
        }
        assertThat(hung.calls).hasValue(1);
        assertThat(hung.maxConcurrent).hasValue(1);
        assertThat(healthy.calls.get()).isGreaterThan(10);
        assertThat(fixture.scheduler.liveThreads()).isLessThanOrEqualTo(2);
        assertThat(hung.interrupted.get()).isGreaterThanOrEqualTo(1);
        assertThat(fixture.states.stateInfo("hung").hungUpdateSince()).isNotNull();
        assertThat(fixture.runtime.get("hung").updates().hungSince()).isNotNull();
        assertThat(state("hung")).isIn(PluginState.ENABLED);

        hung.release.countDown();
        // Its next attempt is long overdue, so it starts as soon as the old thread ends (no need to wait for a
        // tick) and, succeeding, clears the error info altogether; either way nothing reports it hung any more.
        await().until(() -> hung.calls.get() == 2 && fixture.runtime.get("hung").updates().runningSince() == null);
        assertThat(fixture.states.stateInfo("hung").hungUpdateSince()).isNull();
        assertThat(fixture.runtime.get("hung").updates().hungSince()).isNull();
        assertThat(hung.maxConcurrent).hasValue(1);
    }

    @Test
    void backoffGrowsAfterThreeFailuresAndOneSuccessResetsIt() {
        Probe probe = new Probe();
        boolean[] fail = {true};
        start(Duration.ofSeconds(5), TestTypes.type("down", INTERVAL, probe, ctx -> {
            if (fail[0]) {
                throw new java.io.IOException("connection refused");
            }
        }));

        long[] waits = new long[7];
        for (int i = 0; i < waits.length; i++) {
            int attempt = i + 1;
            fixture.scheduler.tick();
            await().until(() -> fixture.count("down", "update", "FAILURE") == attempt
                    && fixture.runtime.get("down").updates().runningSince() == null);
            ErrorInfo info = error("down");
            assertThat(info.consecutiveFailures()).isEqualTo(attempt);
            waits[i] = Duration.between(info.timestamp(), info.nextAttemptAt()).toMillis();
            clock.advance(Duration.ofMillis(waits[i]));
        }
        // Failures 1-3 wait one interval; then 2x, 4x, 8x, capped at 5 min (all ±20 %).
        assertThat(waits[0]).isEqualTo(10_000);
        assertThat(waits[1]).isEqualTo(10_000);
        assertThat(waits[2]).isEqualTo(10_000);
        assertThat(waits[3]).isBetween(16_000L, 24_000L);
        assertThat(waits[4]).isBetween(32_000L, 48_000L);
        assertThat(waits[5]).isBetween(64_000L, 96_000L);
        assertThat(waits[6]).isBetween(128_000L, 192_000L);

        fail[0] = false;
        fixture.scheduler.tick();
        await().until(() -> fixture.count("down", "update", "SUCCESS") == 1);
        await().until(() -> fixture.runtime.get("down").updates().consecutiveFailures() == 0);
        assertThat(error("down")).isNull();
    }

    @Test
    void resetClearsBackoffAtOnce() {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("down", INTERVAL, probe, TestTypes.THROW));
        fixture.scheduler.tick();
        await().until(() -> fixture.count("down", "update", "FAILURE") == 1
                && fixture.runtime.get("down").updates().runningSince() == null);

        fixture.actions.reset("down");

        assertThat(error("down")).isNull();
        assertThat(fixture.runtime.get("down").updates().consecutiveFailures()).isZero();
        fixture.scheduler.tick();
        await().until(() -> probe.calls.get() == 2);
    }

    @Test
    void aDisabledPluginIsNeverUpdatedAndAFailureCannotReEnableIt() throws Exception {
        Probe probe = new Probe();
        start(Duration.ofSeconds(5), TestTypes.type("p", INTERVAL, probe, TestTypes.sleep(Duration.ofMillis(300))));
        fixture.scheduler.tick();
        await().until(() -> probe.running.get() == 1);

        fixture.actions.disable("p");

        await().until(() -> probe.interrupted.get() == 1);
        Thread.sleep(100);
        assertThat(state("p")).isEqualTo(PluginState.DISABLED);
        clock.advance(Duration.ofHours(1));
        fixture.scheduler.tick();
        assertThat(probe.calls).hasValue(1);
    }

    @Test
    void onceUpdatedAPluginStartsEachNextAttemptWhenDueWithoutWaitingForATickAndNeverEarly() {
        Probe probe = new Probe();
        List<Instant> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(200);
        fixture = new RuntimeFixture(dataDir, Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofMinutes(5),
                List.of(TestTypes.type("timed", interval, probe,
                        (TestTypes.Behaviour) ctx -> starts.add(ctx.deadline().minus(ctx.timeout())))));
        fixture.actions.create(new InstanceSpec("timed", "timed", true, null, null, null, null));

        fixture.scheduler.tick(); // the first attempt; no tick after this one

        await().atMost(Duration.ofSeconds(10)).until(() -> probe.calls.get() >= 4);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isGreaterThanOrEqualTo(interval);
        }
        fixture.actions.disable("timed");
        int calls = probe.calls.get();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> probe.calls.get() == calls);
    }
}
