package dev.ledmatrix.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.UpdateObserver.UpdateOutcome;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.UpdateContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Runs due updates. Each tick looks for plugins that are ENABLED, have no update thread alive and whose next
 * attempt is due, reserves each atomically (ENABLED → RUNNING) and runs its update on its own virtual thread
 * behind a timeout. When an update's thread ends, a timer is also set for the moment its next attempt falls due,
 * so updates start on time rather than up to one tick late; the tick remains for first attempts and as the
 * safety net (a timer that finds the plugin not yet due, disabled or busy simply does nothing). A failure or
 * timeout never leaves a plugin RUNNING or ERROR: it goes back to ENABLED with recoverable error info and waits
 * one full interval from the moment of failure (fix #316), longer after repeated failures. An update that
 * ignores interruption keeps its thread, blocks only its own plugin, and is reported in error info until it ends.
 */
@Component
class UpdateScheduler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UpdateScheduler.class);
    /** How long past its timeout an interrupted update may take to end before it is reported as hung. */
    static final Duration HUNG_GRACE = Duration.ofSeconds(1);
    /** How often a wake-up that came a hair early sets itself again before leaving it to the tick. */
    private static final int EARLY_WAKE_RETRIES = 3;

    private final Instances instances;
    private final PluginStateManager states;
    private final UpdateObserver observer;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final PluginSecrets secrets;
    private final ExecutorService updates = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("plugin-update-", 0).factory());
    /** Update timeouts and wake-ups for next attempts; cancelled tasks leave its queue at once. */
    private final ScheduledThreadPoolExecutor timers = timers();

    UpdateScheduler(Instances instances, PluginStateManager states, UpdateObserver observer,
            SchedulerProperties properties, Clock clock, PluginSecrets secrets) {
        this.instances = instances;
        this.states = states;
        this.observer = observer;
        this.properties = properties;
        this.clock = clock;
        this.secrets = secrets;
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("plugin-update-timers").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Scheduled(fixedDelayString = "${ledmatrix.scheduler.tick:250ms}")
    void tick() {
        Instant now = clock.instant();
        for (ManagedPlugin mp : instances.all()) {
            try {
                reportIfHung(mp, now);
                if (mp.plugin() != null && states.canExecute(mp.id) && mp.isDue(now)) {
                    start(mp);
                }
            } catch (RuntimeException e) {
                log.error("Scheduling plugin {} failed", mp.id, e);
            }
        }
    }

    /** Starts an update now if the plugin is ENABLED and has no update thread alive; false otherwise. */
    boolean start(ManagedPlugin mp) {
        Plugin plugin = mp.plugin();
        if (plugin == null) {
            return false;
        }
        synchronized (mp) {
            if (mp.attempt() != null || !states.compareAndSetState(mp.id, PluginState.ENABLED, PluginState.RUNNING)) {
                return false;
            }
            Duration timeout = mp.updateTimeout(properties.defaultUpdateTimeout());
            Attempt attempt = new Attempt(clock.instant(), timeout);
            mp.begin(attempt);
            UpdateContext context = new UpdateContext(timeout, attempt.deadline(), clock);
            long startNanos = System.nanoTime();
            try {
                attempt.started(updates.submit(() -> run(mp, plugin, attempt, context, startNanos)));
            } catch (RejectedExecutionException e) {
                mp.end(attempt); // shutting down
                states.compareAndSetState(mp.id, PluginState.RUNNING, PluginState.ENABLED);
                return false;
            }
            attempt.timeoutTask(timers.schedule(() -> timedOut(mp, attempt, startNanos), timeout.toNanos(),
                    TimeUnit.NANOSECONDS));
            return true;
        }
    }

    private void run(ManagedPlugin mp, Plugin plugin, Attempt attempt, UpdateContext context, long startNanos) {
        try {
            plugin.update(context);
            if (attempt.settle()) {
                succeeded(mp, attempt, startNanos);
            }
        } catch (Throwable t) {
            if (attempt.settle()) {
                failed(mp, attempt, t, UpdateOutcome.FAILURE, startNanos);
            }
        } finally {
            ended(mp, attempt);
        }
    }

    private void timedOut(ManagedPlugin mp, Attempt attempt, long startNanos) {
        if (attempt.settle()) {
            attempt.interrupt();
            failed(mp, attempt, new TimeoutException("update did not finish within " + seconds(attempt.timeout)),
                    UpdateOutcome.TIMEOUT, startNanos);
        }
    }

    private void succeeded(ManagedPlugin mp, Attempt attempt, long startNanos) {
        mp.succeeded(attempt.startedAt.plus(mp.updateInterval()));
        states.recordUpdate(mp.id);
        if (states.transitionIf(mp.id, java.util.Set.of(PluginState.RUNNING), PluginState.ENABLED).isEmpty()) {
            log.debug("Plugin {} updated", mp.id);
        }
        observer.updateFinished(mp.id, UpdateOutcome.SUCCESS, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private void failed(ManagedPlugin mp, Attempt attempt, Throwable error, UpdateOutcome outcome, long startNanos) {
        Instant failedAt = clock.instant();
        int failures = mp.failed();
        Duration wait = Backoff.delay(failures, mp.updateInterval(), properties.maxBackoff(),
                ThreadLocalRandom.current()::nextDouble);
        Instant next = failedAt.plus(wait);
        mp.nextAttemptAt(next);
        String errorType = outcome == UpdateOutcome.TIMEOUT ? "Timeout" : error.getClass().getSimpleName();
        error = secrets.masked(mp.spec(), error); // what is recorded, published and logged holds no secret
        ErrorInfo info = new ErrorInfo(ErrorInfo.messageOf(error), errorType, failedAt, true, failures, next, null);
        states.setStateWithErrorIf(mp.id, PluginState.RUNNING, PluginState.ENABLED, info, error);
        log.warn("Plugin {} update failed ({} in a row): {}; next attempt in {}", mp.id, failures, info.error(),
                seconds(wait));
        observer.updateFinished(mp.id, outcome, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Cancels a running update because the plugin is being disabled, reloaded or removed; not a failure. */
    void cancel(ManagedPlugin mp) {
        mp.wake(null);
        Attempt attempt = mp.attempt();
        if (attempt != null && attempt.settle()) {
            attempt.interrupt();
        }
    }

    private void ended(ManagedPlugin mp, Attempt attempt) {
        attempt.markEnded();
        if (attempt.hungReported()) {
            log.info("Plugin {}: the update that ignored interruption has ended after {}", mp.id,
                    seconds(Duration.between(attempt.startedAt, clock.instant())));
            states.getErrorInfo(mp.id).filter(e -> e.hungUpdateSince() != null)
                    .ifPresent(e -> states.setErrorInfo(mp.id, e.withHungUpdateSince(null)));
        }
        mp.end(attempt);
        wakeWhenDue(mp, EARLY_WAKE_RETRIES);
    }

    /** Sets a timer for the plugin's next attempt (now, if that has passed); the tick covers "no next attempt". */
    private void wakeWhenDue(ManagedPlugin mp, int retries) {
        Instant next = mp.nextAttemptAt();
        if (next == null || mp.plugin() == null || !states.canExecute(mp.id)) {
            return; // disabled, removed or reloading: the tick picks it up once it may run again
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toNanos());
        try {
            mp.wake(timers.schedule(() -> startIfDue(mp, retries), delay, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void startIfDue(ManagedPlugin mp, int retries) {
        try {
            if (mp.plugin() == null || !states.canExecute(mp.id)) {
                return;
            }
            if (mp.isDue(clock.instant())) {
                start(mp);
            } else if (retries > 0 && mp.attempt() == null) {
                // The timer runs on System.nanoTime, due times on the service clock; if the two disagree by a
                // hair, look again rather than leave the update to the next tick.
                wakeWhenDue(mp, retries - 1);
            }
        } catch (RuntimeException e) {
            log.error("Starting the update of plugin {} failed", mp.id, e);
        }
    }

    private void reportIfHung(ManagedPlugin mp, Instant now) {
        Attempt attempt = mp.attempt();
        if (attempt == null || attempt.ended() || attempt.hungReported() || !attempt.settled()
                || now.isBefore(attempt.deadline().plus(HUNG_GRACE))) {
            return;
        }
        attempt.markHungReported();
        log.warn("Plugin {}: its update started at {} ignores interruption and still holds its thread; no new update "
                + "starts until it ends", mp.id, attempt.startedAt);
        ErrorInfo current = states.getErrorInfo(mp.id).orElse(new ErrorInfo(
                "update ignores interruption", "HungUpdate", now, true, null, null, null));
        states.setErrorInfo(mp.id, current.withHungUpdateSince(attempt.startedAt));
    }

    /** Live update threads, hung ones included. */
    long liveThreads() {
        return instances.all().stream().filter(mp -> mp.attempt() != null).count();
    }

    @Override
    public void destroy() {
        for (ManagedPlugin mp : instances.all()) {
            cancel(mp);
        }
        timers.shutdownNow();
        updates.shutdownNow();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
    }
}
