package dev.ledmatrix.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mutable holder of one plugin's state, guarded by its own monitor. Its current facts are one immutable
 * {@link StateInfo} behind a volatile field, so readers never need the lock.
 */
final class PluginRecord {

    static final StateInfo UNKNOWN = snapshot(PluginState.UNLOADED, null, null, null, 0, null);

    /** Transitions made under the lock, for the manager to hand to listeners before it lets go. */
    final List<StateTransition> notifications = new ArrayList<>(1);
    /** Set by clearState: a writer that finds it retired starts over with a fresh record (or, if conditional, stops). */
    boolean removed;

    private final HistoryRing ring;
    private final AtomicLong sequence;
    private volatile StateInfo current;

    PluginRecord(int maxHistory, AtomicLong sequence, Instant hungUpdateSince) {
        this.ring = new HistoryRing(maxHistory);
        this.sequence = sequence;
        this.current = snapshot(PluginState.UNLOADED, null, null, null, 0, hungUpdateSince);
    }

    /** How an id the manager has no record of reads while a hung update is charged to it. */
    static StateInfo unknown(Instant hungUpdateSince) {
        return snapshot(PluginState.UNLOADED, null, null, null, 0, hungUpdateSince);
    }

    StateInfo current() {
        return current;
    }

    void transition(Instant now, PluginState to, String error, ErrorInfo errorInfo) {
        transition(now, to, error, errorInfo, current.lastUpdate());
    }

    void transition(Instant now, PluginState to, String error, ErrorInfo errorInfo, Instant lastUpdate) {
        StateInfo c = current;
        StateTransition t = new StateTransition(sequence.incrementAndGet(), now, c.state(), to, error);
        ring.add(t);
        notifications.add(t);
        current = snapshot(to, errorInfo, lastUpdate, c.lastDisplay(), ring.total(), c.hungUpdateSince());
    }

    void publish(ErrorInfo errorInfo, Instant lastUpdate, Instant lastDisplay, Instant hungUpdateSince) {
        current = snapshot(current.state(), errorInfo, lastUpdate, lastDisplay, ring.total(), hungUpdateSince);
    }

    List<StateTransition> newestFirst(int limit, long beforeSeq) {
        return ring.newestFirst(limit, beforeSeq);
    }

    private static StateInfo snapshot(PluginState s, ErrorInfo e, Instant lastUpdate, Instant lastDisplay, long count,
            Instant hung) {
        return new StateInfo(s, s.isLoaded(), s == PluginState.ENABLED, s == PluginState.RUNNING,
                s == PluginState.ERROR, s.canExecute(), lastUpdate, lastDisplay, e, count, hung);
    }
}
