package dev.ledmatrix.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginType;

/**
 * The runtime side of one instance: its spec, its plugin object (absent while it failed to load), and the
 * bookkeeping of its updates and renders. Lifecycle changes hold {@link #lifecycle}, and so does reserving an
 * update, so the two never interleave; update and render bookkeeping is guarded by this object's monitor. State
 * itself lives in the state manager; the update running for this id lives in the scheduler (it may outlive this
 * object, when it hangs past a delete).
 */
final class ManagedPlugin {

    final String id;
    /** Serialises create, enable, disable, reload, config changes and delete of this instance, and reservations. */
    final ReentrantLock lifecycle = new ReentrantLock();

    private volatile InstanceSpec spec;
    private volatile PluginType type;
    private volatile Plugin plugin;

    // update bookkeeping (guarded by this)
    private Schedule schedule = Schedule.FRESH;
    private Future<?> wake;

    // render bookkeeping (guarded by this)
    private final RenderRecord render = new RenderRecord();

    ManagedPlugin(InstanceSpec spec) {
        this.id = spec.id();
        this.spec = spec;
    }

    InstanceSpec spec() {
        return spec;
    }

    void spec(InstanceSpec value) {
        this.spec = value;
    }

    PluginType type() {
        return type;
    }

    Plugin plugin() {
        return plugin;
    }

    void loaded(PluginType t, Plugin p) {
        this.type = t;
        this.plugin = p;
    }

    Duration updateInterval() {
        InstanceSpec s = spec;
        if (s.updateInterval() != null && s.updateInterval().isPositive()) {
            return s.updateInterval();
        }
        PluginType t = type;
        return t == null ? Duration.ofMinutes(1) : t.descriptor().defaultUpdateInterval();
    }

    Duration updateTimeout(Duration fallback) {
        InstanceSpec s = spec;
        return s.updateTimeout() != null && s.updateTimeout().isPositive() ? s.updateTimeout() : fallback;
    }

    Duration displayDuration(Duration fallback) {
        InstanceSpec s = spec;
        if (s.displayDuration() != null && s.displayDuration().isPositive()) {
            return s.displayDuration();
        }
        PluginType t = type;
        Duration typeDefault = t == null ? null : t.descriptor().defaultDisplayDuration();
        return typeDefault != null && typeDefault.isPositive() ? typeDefault : fallback;
    }

    // --- updates ---------------------------------------------------------------------------------

    /**
     * Failures in a row and when the next attempt is due (null: as soon as it is enabled). Written only under this
     * object's monitor, by the supervisor recording an outcome and by the actions that reset it; error info shows a
     * copy of it.
     */
    record Schedule(int consecutiveFailures, Instant nextAttemptAt) {
        static final Schedule FRESH = new Schedule(0, null);
    }

    synchronized Schedule schedule() {
        return schedule;
    }

    synchronized void schedule(Schedule value) {
        this.schedule = value;
    }

    /**
     * Brings a planned next attempt forward to {@code sooner} (after a shorter update interval), unless the plugin is
     * backing off after failures or nothing is planned; one step, so an outcome recorded meanwhile is never undone.
     */
    synchronized void bringForward(Instant sooner) {
        Instant next = schedule.nextAttemptAt();
        if (next != null && schedule.consecutiveFailures() == 0 && sooner.isBefore(next)) {
            schedule = new Schedule(0, sooner);
        }
    }

    synchronized boolean isDue(Instant now) {
        return schedule.nextAttemptAt() == null || !now.isBefore(schedule.nextAttemptAt());
    }

    /** Replaces the pending timer for the next attempt (null: none), cancelling the one it replaces. */
    synchronized void wake(Future<?> next) {
        if (wake != null && wake != next) {
            wake.cancel(false);
        }
        wake = next;
    }

    // --- renders ---------------------------------------------------------------------------------

    RenderRecord render() {
        return render;
    }
}
