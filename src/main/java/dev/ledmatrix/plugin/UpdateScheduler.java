package dev.ledmatrix.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.ManagedPlugin.Schedule;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Starts due updates. A {@code @Scheduled} tick (on a platform thread of its own, see {@link SchedulingConfig})
 * looks for plugins that are ENABLED, due and have no update of their id alive, and reserves each (ENABLED →
 * RUNNING) under the plugin's lifecycle lock, so a reservation and a lifecycle action never interleave. When an
 * update ends, a timer (on this class's platform timer thread) wakes the plugin when its next attempt is due, so
 * updates start on time rather than up to one tick late; the tick remains for first attempts and as the safety
 * net. Each update runs on its own virtual thread; {@link UpdateSupervisor} times it out, records its outcome once
 * and reports it hung if it ignores interruption. At most one update per id is alive at a time, hung ones included,
 * even across a delete and re-create of the id.
 */
@Component
class UpdateScheduler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UpdateScheduler.class);
    /** How long an interrupted update may take to end before it is reported hung. */
    static final Duration HUNG_GRACE = Duration.ofSeconds(1);

    /** What became of a request to start an update. */
    enum Start {
        STARTED,
        /** not ENABLED, not due, or a lifecycle action holds the plugin right now */
        NOT_NOW,
        /** an update of this id is still alive */
        BUSY,
        /** as many hung updates as {@code ledmatrix.scheduler.max-hung-updates} allows hold their threads */
        HUNG_LIMIT
    }

    private final Instances instances;
    private final PluginStateManager states;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final UpdateSupervisor supervisor;
    private final Duration hungGrace;
    private final ExecutorService workers;
    /** The update alive for each id, from its reservation until it is over (see {@link UpdateRun}). */
    private final ConcurrentHashMap<String, UpdateRun> live = new ConcurrentHashMap<>();
    /**
     * Wake-ups for next attempts, update deadlines and hung checks, on a platform thread so busy virtual-thread
     * carriers cannot delay them.
     */
    private final ScheduledThreadPoolExecutor timers = timers();

    @Autowired
    UpdateScheduler(Instances instances, PluginStateManager states, UpdateObserver observer,
            SchedulerProperties properties, Clock clock, PluginSecrets secrets) {
        this(instances, states, observer, properties, clock, secrets, Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("plugin-update-", 0).factory()), HUNG_GRACE, null);
    }

    /**
     * For tests: what runs the update threads, the hung grace, and what fires update deadlines (null: the timer
     * thread, when they pass).
     */
    UpdateScheduler(Instances instances, PluginStateManager states, UpdateObserver observer,
            SchedulerProperties properties, Clock clock, PluginSecrets secrets, ExecutorService workers,
            Duration hungGrace, UpdateSupervisor.Deadlines deadlines) {
        this.instances = instances;
        this.states = states;
        this.properties = properties;
        this.clock = clock;
        this.workers = workers;
        this.hungGrace = hungGrace;
        this.supervisor = new UpdateSupervisor(states, observer, properties, clock, secrets, workers, timers,
                deadlines != null ? deadlines : (deadlineNanos, task) -> timers.schedule(task,
                        deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS), hungGrace);
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("plugin-update-timers").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Scheduled(fixedDelayString = "${ledmatrix.scheduler.tick:250ms}", scheduler = SchedulingConfig.TICK_SCHEDULER)
    void tick() {
        Instant now = clock.instant();
        for (ManagedPlugin mp : instances.all()) {
            try {
                if (mp.plugin() != null && states.canExecute(mp.id) && mp.isDue(now) && !live.containsKey(mp.id)) {
                    start(mp, false);
                }
            } catch (RuntimeException e) {
                log.error("Scheduling plugin {} failed", mp.id, e);
            }
        }
    }

    /**
     * Starts an update of {@code mp} if it is ENABLED, still registered, due (or {@code evenIfNotDue}) and no update
     * of its id is alive. Never waits for a lifecycle action: if one holds the plugin, it is NOT_NOW.
     */
    Start start(ManagedPlugin mp, boolean evenIfNotDue) {
        if (!mp.lifecycle.tryLock()) {
            return Start.NOT_NOW;
        }
        try {
            Instant now = clock.instant();
            if (instances.get(mp.id) != mp || mp.plugin() == null || !states.canExecute(mp.id)
                    || !(evenIfNotDue || mp.isDue(now))) {
                return Start.NOT_NOW;
            }
            if (live.containsKey(mp.id)) {
                return Start.BUSY;
            }
            if (supervisor.hungUpdates() >= properties.maxHungUpdates()) {
                refuse(mp, now);
                return Start.HUNG_LIMIT;
            }
            UpdateRun run = new UpdateRun(mp.id, now, mp.updateTimeout(properties.defaultUpdateTimeout()),
                    System.nanoTime(), this::over);
            if (live.putIfAbsent(mp.id, run) != null) {
                return Start.BUSY;
            }
            if (!states.compareAndSetState(mp.id, PluginState.ENABLED, PluginState.RUNNING)) {
                live.remove(mp.id, run);
                return Start.NOT_NOW;
            }
            mp.wake(null);
            supervisor.begin(mp, run, mp.plugin());
            return Start.STARTED;
        } finally {
            mp.lifecycle.unlock();
        }
    }

    /** Too many hung updates: this one is not started, and its error info says why; it tries again in an interval. */
    private void refuse(ManagedPlugin mp, Instant now) {
        Instant next = now.plus(mp.updateInterval());
        String why = "update not started: " + supervisor.hungUpdates() + " updates that ignore interruption hold "
                + "their threads, the most allowed (ledmatrix.scheduler.max-hung-updates=" + properties.maxHungUpdates()
                + ")";
        synchronized (mp) {
            int failures = mp.schedule().consecutiveFailures();
            mp.schedule(new Schedule(failures, next));
            states.updateErrorInfo(mp.id, e -> new ErrorInfo(why, "HungUpdateLimit", now, true, failures, next));
        }
        log.warn("Plugin {}: {}", mp.id, why);
    }

    /** The run is recorded and its code is over: the id is free for its next update. */
    private void over(UpdateRun run) {
        live.remove(run.id, run);
        ManagedPlugin current = instances.get(run.id);
        if (current != null) {
            wakeWhenDue(current);
        }
    }

    /**
     * Stops the update of this id, if one is alive: it is settled as stopped (nothing recorded) and interrupted.
     * Waits up to the hung grace for its code to return, so that hooks called next do not overlap it unless it
     * ignores interruption. The caller has already moved the plugin's state, so no new update can be reserved.
     */
    void stop(ManagedPlugin mp) {
        mp.wake(null);
        UpdateRun run = live.get(mp.id);
        if (run == null) {
            return;
        }
        supervisor.stop(mp, run);
        try {
            run.awaitEnd(hungGrace.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets a timer for the plugin's next attempt; with no next attempt set, the tick starts it. */
    private void wakeWhenDue(ManagedPlugin mp) {
        Instant next = mp.schedule().nextAttemptAt();
        if (next == null || mp.plugin() == null || !states.canExecute(mp.id)) {
            return; // disabled, removed or reloading: the tick picks it up once it may run again
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toNanos());
        try {
            mp.wake(timers.schedule(() -> startWhenDue(mp), delay, TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void startWhenDue(ManagedPlugin mp) {
        try {
            if (start(mp, false) == Start.NOT_NOW && mp.plugin() != null && states.canExecute(mp.id)
                    && !mp.isDue(clock.instant())) {
                // The timer runs on System.nanoTime, due times on the service clock; when it fired a hair early,
                // set it again for the rest rather than leave the update to the next tick.
                wakeWhenDue(mp);
            }
        } catch (RuntimeException e) {
            log.error("Starting the update of plugin {} failed", mp.id, e);
        }
    }

    /** The start of the update alive for this id (hung ones included), or null. */
    Instant runningSince(String id) {
        UpdateRun run = live.get(id);
        return run == null ? null : run.startedAt;
    }

    /** Updates that ignored interruption and still hold their threads, over all plugins. */
    int hungUpdates() {
        return supervisor.hungUpdates();
    }

    /** Live update runs, hung ones included. */
    long liveThreads() {
        return live.size();
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        live.values().forEach(run -> supervisor.stop(null, run));
        workers.shutdownNow();
    }
}
