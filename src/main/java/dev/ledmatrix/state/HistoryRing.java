package dev.ledmatrix.state;

import java.util.ArrayList;
import java.util.List;

/** A fixed-size ring of transitions that also counts every one ever added. Not thread-safe. */
final class HistoryRing {

    private final StateTransition[] entries;
    private long total;

    HistoryRing(int capacity) {
        this.entries = new StateTransition[capacity];
    }

    void add(StateTransition transition) {
        entries[(int) (total % entries.length)] = transition;
        total++;
    }

    long total() {
        return total;
    }

    /** Newest first, at most {@code limit}, only entries with {@code seq < beforeSeq}. */
    List<StateTransition> newestFirst(int limit, long beforeSeq) {
        int kept = (int) Math.min(total, entries.length);
        List<StateTransition> result = new ArrayList<>(Math.min(kept, Math.max(limit, 0)));
        for (int i = 0; i < kept && result.size() < limit; i++) {
            StateTransition t = entries[(int) ((total - 1 - i) % entries.length)];
            if (t.seq() < beforeSeq) {
                result.add(t);
            }
        }
        return result;
    }
}
