package dev.ledmatrix.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginType;

/**
 * The runtime side of one instance: its spec, its plugin object (absent while it failed to load), and the
 * bookkeeping of its updates and renders. Lifecycle changes hold {@link #lifecycle}; update and render
 * bookkeeping is guarded by this object's monitor. State itself lives in the state manager.
 */
final class ManagedPlugin {

    final String id;
    /** Serialises create, enable, disable, reload, config changes and delete of this instance. */
    final ReentrantLock lifecycle = new ReentrantLock();

    private volatile InstanceSpec spec;
    private volatile PluginType type;
    private volatile Plugin plugin;

    // update bookkeeping (guarded by this)
    private Attempt attempt;
    private Instant nextAttemptAt;
    private int consecutiveFailures;
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

    synchronized boolean isDue(Instant now) {
        return attempt == null && (nextAttemptAt == null || !now.isBefore(nextAttemptAt));
    }

    synchronized void begin(Attempt a) {
        this.attempt = a;
    }

    synchronized Attempt attempt() {
        return attempt;
    }

    /** The thread of {@code a} has ended: a new attempt may start. */
    synchronized void end(Attempt a) {
        if (attempt == a) {
            attempt = null;
        }
    }

    synchronized void succeeded(Instant next) {
        consecutiveFailures = 0;
        nextAttemptAt = next;
    }

    /** @return failures in a row, this one included */
    synchronized int failed() {
        return ++consecutiveFailures;
    }

    synchronized Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    synchronized void nextAttemptAt(Instant next) {
        this.nextAttemptAt = next;
    }

    /** Replaces the pending timer for the next attempt (null: none), cancelling the one it replaces. */
    synchronized void wake(Future<?> next) {
        if (wake != null && wake != next) {
            wake.cancel(false);
        }
        wake = next;
    }

    /** Forget failures and waiting: the next tick may update at once. */
    synchronized void resetSchedule() {
        consecutiveFailures = 0;
        nextAttemptAt = null;
    }

    synchronized UpdateStatus updateStatus() {
        Attempt a = attempt;
        return new UpdateStatus(consecutiveFailures, nextAttemptAt, a == null ? null : a.startedAt,
                a != null && a.hungReported() ? a.startedAt : null);
    }

    // --- renders ---------------------------------------------------------------------------------

    RenderRecord render() {
        return render;
    }
}
