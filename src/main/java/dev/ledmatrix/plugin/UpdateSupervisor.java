package dev.ledmatrix.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Runs and supervises updates without a thread of its own per update: the worker (virtual) thread runs the plugin's
 * code and, if its result comes first, records it itself; a deadline task on a platform timer thread settles the run
 * as a timeout when the deadline comes first (on time even when CPU-heavy work keeps every virtual-thread carrier
 * busy, so an update whose thread could not even start times out honestly instead of staying RUNNING); a stop by a
 * lifecycle action settles it as stopped. Whoever settles the run records its outcome, in one conditional state
 * write; an interrupted update that ignores the interruption is reported hung until its code returns. The run is
 * over, and the id free, once it is both recorded and its code is over (see {@link UpdateRun}).
 * <p>
 * A successful update thus costs one thread hand-off (timer to worker) rather than four, which is what keeps a
 * thousand instances under a tenth of a core.
 */
final class UpdateSupervisor {

    private static final Logger log = LoggerFactory.getLogger(UpdateSupervisor.class);
    /** Never report hung sooner than this after the interruption, however short the interval. */
    private static final Duration MIN_HUNG_GRACE = Duration.ofMillis(10);

    /** Runs a task once a deadline passes; a test passes one it fires by hand. */
    @FunctionalInterface
    interface Deadlines {
        /**
         * Runs {@code task} once {@link System#nanoTime} passes {@code deadlineNanos}, never on a virtual thread;
         * cancelling the returned future drops it.
         */
        Future<?> at(long deadlineNanos, Runnable task);
    }

    private final PluginStateManager states;
    private final UpdateObserver observer;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final PluginSecrets secrets;
    private final Executor workers;
    private final Deadlines deadlines;
    private final ScheduledExecutorService timers;
    private final Duration hungGrace;
    private final AtomicInteger hung = new AtomicInteger();

    /**
     * @param timers    a platform timer thread, for hung checks
     * @param deadlines for update deadlines (in the service: the same timer thread)
     */
    UpdateSupervisor(PluginStateManager states, UpdateObserver observer, SchedulerProperties properties, Clock clock,
            PluginSecrets secrets, Executor workers, ScheduledExecutorService timers, Deadlines deadlines,
            Duration hungGrace) {
        this.secrets = secrets;
        this.states = states;
        this.observer = observer;
        this.properties = properties;
        this.clock = clock;
        this.workers = workers;
        this.timers = timers;
        this.deadlines = deadlines;
        this.hungGrace = hungGrace;
    }

    /** Updates that ignored interruption and still hold their threads, over all plugins. */
    int hungUpdates() {
        return hung.get();
    }

    /** Starts the reserved run: its deadline, then its worker thread. */
    void begin(ManagedPlugin mp, UpdateRun run, Plugin plugin) {
        UpdateContext context = new UpdateContext(run.timeout, run.deadline(), clock);
        try {
            run.deadlineTask(deadlines.at(run.deadlineNanos(), () -> deadlinePassed(mp, run)));
            workers.execute(() -> work(mp, run, plugin, context));
        } catch (RejectedExecutionException e) {
            stop(mp, run); // the service is stopping
        }
    }

    /** The worker thread's body. */
    private void work(ManagedPlugin mp, UpdateRun run, Plugin plugin, UpdateContext context) {
        if (!run.begin()) {
            return; // stopped or timed out before it began: the plugin's code never runs, and that party arrived
        }
        Throwable error = null;
        try {
            plugin.update(context);
        } catch (Throwable t) {
            error = t;
        }
        boolean wasHung = run.returned();
        try {
            Outcome outcome = error == null ? new Outcome.Success() : new Outcome.Failure(error);
            if (run.settle(outcome)) {
                run.cancelDeadline();
                try {
                    record(mp, run, outcome);
                } finally {
                    run.arrive();
                }
            }
            if (wasHung) {
                states.setHungUpdateSince(run.id, null);
                hung.decrementAndGet();
                log.info("Plugin {}: the update that ignored interruption has ended after {}", run.id,
                        seconds(Duration.between(run.startedAt, clock.instant())));
            }
        } finally {
            run.arrive(); // the plugin's code is over
        }
    }

    /** On the timer thread, at the deadline: a timeout, unless the result is already in. */
    private void deadlinePassed(ManagedPlugin mp, UpdateRun run) {
        try {
            boolean settled = run.settle(new Outcome.Timeout(true));
            if (!settled) {
                return;
            }
            boolean began = run.interrupt();
            try {
                record(mp, run, new Outcome.Timeout(began));
            } finally {
                run.arrive();
            }
            if (began) {
                watchUntilEnd(mp, run);
            }
        } catch (RuntimeException e) {
            log.error("Timing out the update of plugin {} failed", run.id, e);
        }
    }

    /**
     * By a lifecycle action (or the service stopping): settles the run as stopped, unless it already ended, and
     * interrupts the plugin's code.
     */
    void stop(ManagedPlugin mp, UpdateRun run) {
        if (run.settle(new Outcome.Stopped())) {
            run.cancelDeadline();
            boolean began = run.interrupt();
            run.arrive(); // nothing to record: not the plugin's doing
            if (began) {
                watchUntilEnd(mp, run);
            }
        } else {
            run.interrupt(); // already timed out (and watched) or returned: at most a repeated interruption
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
     * After an interruption: past the grace (or past the next attempt's due time, if sooner, so that it never passes
     * silently) an update whose code has not returned is reported hung, charged to the id, for as long as it holds
     * its thread, whatever happens to the plugin meanwhile; its worker takes the report back when it returns.
     */
    private void watchUntilEnd(ManagedPlugin mp, UpdateRun run) {
        long grace = hungGrace.toNanos();
        Instant next = mp == null ? null : mp.schedule().nextAttemptAt();
        if (next != null) {
            grace = Math.min(grace, Math.max(MIN_HUNG_GRACE.toNanos(),
                    Duration.between(clock.instant(), next).toNanos()));
        }
        try {
            timers.schedule(() -> checkHung(run), grace, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the service is stopping
        }
    }

    private void checkHung(UpdateRun run) {
        run.reportHung(() -> {
            hung.incrementAndGet();
            states.setHungUpdateSince(run.id, run.startedAt);
            log.warn("Plugin {}: its update started at {} ignores interruption and still holds its thread; no new "
                    + "update starts until it ends", run.id, run.startedAt);
        });
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
    }
}
