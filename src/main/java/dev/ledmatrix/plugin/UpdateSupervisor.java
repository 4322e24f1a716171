package dev.ledmatrix.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.plugin.ManagedPlugin.Schedule;
import dev.ledmatrix.plugin.UpdateObserver.UpdateOutcome;
import dev.ledmatrix.plugin.UpdateRun.Outcome;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.UpdateContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;

/**
 * The body of the one supervising thread each update gets (a platform thread, see UpdateScheduler): it starts the worker thread, waits for the
 * result until the deadline, settles the outcome (interrupting the worker on timeout), records it in one
 * conditional state write, watches an interrupted worker until it really ends (reporting it hung if it ignores
 * the interruption) and, in its own {@code finally}, hands the run back. Nothing can cancel a supervisor before its
 * {@code finally} runs (it is a started thread, not a queued task), so no plugin can be left with a run that never
 * ends.
 */
final class UpdateSupervisor {

    private static final Logger log = LoggerFactory.getLogger(UpdateSupervisor.class);
    /** Never report hung sooner than this after the interruption, however short the interval. */
    private static final Duration MIN_HUNG_GRACE = Duration.ofMillis(10);

    /** How the supervisor waits for a result until the deadline; a test passes one it controls. */
    @FunctionalInterface
    interface Waiter {
        /** Returns once {@code result} is done or {@code deadlineNanos} ({@link System#nanoTime}) has passed. */
        void await(CompletableFuture<Void> result, long deadlineNanos) throws InterruptedException;

        Waiter UNTIL_DEADLINE = (result, deadlineNanos) -> {
            try {
                result.get(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                // the outcome is settled from the result itself
            }
        };
    }

    private final PluginStateManager states;
    private final UpdateObserver observer;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final PluginSecrets secrets;
    private final Executor workers;
    private final Waiter waiter;
    private final Duration hungGrace;
    private final AtomicInteger hung = new AtomicInteger();

    UpdateSupervisor(PluginStateManager states, UpdateObserver observer, SchedulerProperties properties, Clock clock,
            PluginSecrets secrets, Executor workers, Waiter waiter, Duration hungGrace) {
        this.secrets = secrets;
        this.states = states;
        this.observer = observer;
        this.properties = properties;
        this.clock = clock;
        this.workers = workers;
        this.waiter = waiter;
        this.hungGrace = hungGrace;
    }

    /** Updates that ignored interruption and still hold their threads, over all plugins. */
    int hungUpdates() {
        return hung.get();
    }

    void supervise(ManagedPlugin mp, UpdateRun run, Plugin plugin, Consumer<UpdateRun> ended) {
        try {
            UpdateContext context = new UpdateContext(run.timeout, run.deadline(), clock);
            try {
                workers.execute(() -> run.work(plugin, context));
            } catch (RejectedExecutionException e) {
                run.stop(); // the service is stopping
            }
            waiter.await(run.result(), run.deadlineNanos());
            Outcome outcome = run.settle();
            record(mp, run, outcome);
            if (!(outcome instanceof Outcome.Success || outcome instanceof Outcome.Failure)) {
                watchUntilEnd(mp, run);
            }
        } catch (InterruptedException e) {
            run.stop(); // the service is stopping
        } finally {
            ended.accept(run);
        }
    }

    private void record(ManagedPlugin mp, UpdateRun run, Outcome outcome) {
        Duration took = Duration.between(run.startedAt, clock.instant());
        switch (outcome) {
            case Outcome.Success s -> {
                synchronized (mp) {
                    if (!states.completeUpdate(mp.id)) {
                        return; // a lifecycle action came first: not this run's to record
                    }
                    mp.schedule(new Schedule(0, run.startedAt.plus(mp.updateInterval())));
                }
                log.debug("Plugin {} updated", mp.id);
                observer.updateFinished(mp.id, UpdateOutcome.SUCCESS, took);
            }
            case Outcome.Failure f -> failed(mp, f.error(), f.error().getClass().getSimpleName(),
                    UpdateOutcome.FAILURE, took);
            case Outcome.Timeout t -> failed(mp, new TimeoutException("update did not finish within "
                    + seconds(run.timeout) + (t.began() ? "" : " (its thread had not even started: the host is busy)")),
                    "Timeout", UpdateOutcome.TIMEOUT, took);
            case Outcome.Stopped s -> {
                // disabled, reloaded, deleted or shutting down: not a failure of the plugin
            }
        }
    }

    private void failed(ManagedPlugin mp, Throwable rawError, String errorType, UpdateOutcome outcome, Duration took) {
        Instant failedAt = clock.instant();
        Throwable error = secrets.masked(mp.spec(), rawError); // what is recorded, published and logged holds no secret
        ErrorInfo info;
        synchronized (mp) {
            int failures = mp.schedule().consecutiveFailures() + 1;
            Duration wait = Backoff.delay(failures, mp.updateInterval(), properties.maxBackoff(),
                    ThreadLocalRandom.current()::nextDouble);
            Instant next = failedAt.plus(wait);
            info = new ErrorInfo(ErrorInfo.messageOf(error), errorType, failedAt, true, failures, next);
            if (!states.setStateWithErrorIf(mp.id, PluginState.RUNNING, PluginState.ENABLED, info, error)) {
                return; // a lifecycle action came first
            }
            mp.schedule(new Schedule(failures, next));
        }
        log.warn("Plugin {} update failed ({} in a row): {}; next attempt at {}", mp.id, info.consecutiveFailures(),
                info.error(), info.nextAttemptAt());
        observer.updateFinished(mp.id, outcome, took);
    }

    /**
     * After an interruption: waits for the plugin's code to return. Past the grace (or past the next attempt's due
     * time, if sooner, so that it never passes silently) the update is reported hung, charged to the id, for as long
     * as it holds its thread, whatever happens to the plugin meanwhile.
     */
    private void watchUntilEnd(ManagedPlugin mp, UpdateRun run) throws InterruptedException {
        long grace = hungGrace.toNanos();
        Instant next = mp.schedule().nextAttemptAt();
        if (next != null) {
            grace = Math.min(grace, Math.max(MIN_HUNG_GRACE.toNanos(),
                    Duration.between(clock.instant(), next).toNanos()));
        }
        if (run.awaitEnd(grace)) {
            return;
        }
        hung.incrementAndGet();
        states.setHungUpdateSince(run.id, run.startedAt);
        log.warn("Plugin {}: its update started at {} ignores interruption and still holds its thread; no new update "
                + "starts until it ends", run.id, run.startedAt);
        try {
            run.awaitEnd();
            log.info("Plugin {}: the update that ignored interruption has ended after {}", run.id,
                    seconds(Duration.between(run.startedAt, clock.instant())));
        } finally {
            states.setHungUpdateSince(run.id, null);
            hung.decrementAndGet();
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
    }
}
