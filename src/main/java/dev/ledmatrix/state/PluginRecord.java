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

    static final StateInfo UNKNOWN = snapshot(PluginState.UNLOADED, null, null, null, 0);

    /** Transitions made under the lock, for the manager to hand to listeners before it lets go. */
    final List<StateTransition> notifications = new ArrayList<>(1);
    /** Set by clearState: a writer that finds it retired starts over with a fresh record. */
    boolean removed;

    private final HistoryRing ring;
    private final AtomicLong sequence;
    private volatile StateInfo current = UNKNOWN;

    PluginRecord(int maxHistory, AtomicLong sequence) {
        this.ring = new HistoryRing(maxHistory);
        this.sequence = sequence;
    }

    StateInfo current() {
        return current;
    }

    void transition(Instant now, PluginState to, String error, ErrorInfo errorInfo) {
        StateInfo c = current;
        StateTransition t = new StateTransition(sequence.incrementAndGet(), now, c.state(), to, error);
        ring.add(t);
        notifications.add(t);
        current = snapshot(to, errorInfo, c.lastUpdate(), c.lastDisplay(), ring.total());
    }

    void publish(PluginState state, ErrorInfo errorInfo, Instant lastUpdate, Instant lastDisplay) {
        current = snapshot(state, errorInfo, lastUpdate, lastDisplay, ring.total());
    }

    List<StateTransition> newestFirst(int limit, long beforeSeq) {
        return ring.newestFirst(limit, beforeSeq);
    }

    private static StateInfo snapshot(PluginState s, ErrorInfo e, Instant lastUpdate, Instant lastDisplay, long count) {
        return new StateInfo(s, s.isLoaded(), s == PluginState.ENABLED, s == PluginState.RUNNING,
                s == PluginState.ERROR, s.canExecute(), lastUpdate, lastDisplay, e, count, null);
    }
}
