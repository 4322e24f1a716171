package dev.ledmatrix.state;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records behind {@link PluginStateManager}: one per known plugin, each written under its own lock, plus the
 * hung-update marks, which belong to an id rather than to one record, and the listeners.
 */
final class PluginRecords {

    private static final Logger log = LoggerFactory.getLogger(PluginStateManager.class);

    private final ConcurrentHashMap<String, PluginRecord> plugins = new ConcurrentHashMap<>();
    /** Start of a hung update per id; kept apart from the records because it outlives them. */
    private final ConcurrentHashMap<String, Instant> hung = new ConcurrentHashMap<>();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final int maxHistory;

    PluginRecords(int maxHistory) {
        this.maxHistory = maxHistory;
    }

    StateInfo current(String pluginId) {
        PluginRecord record = plugins.get(pluginId);
        if (record != null) {
            return record.current();
        }
        Instant since = hung.get(pluginId);
        return since == null ? PluginRecord.UNKNOWN : PluginRecord.unknown(since);
    }

    List<StateTransition> history(String pluginId, int limit, long beforeSeq) {
        PluginRecord record = plugins.get(pluginId);
        if (record == null) {
            return List.of();
        }
        synchronized (record) {
            return record.newestFirst(limit, beforeSeq);
        }
    }

    Set<String> ids() {
        return Set.copyOf(plugins.keySet());
    }

    AutoCloseable subscribe(StateListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void setHung(String pluginId, Instant since) {
        if (since == null) {
            hung.remove(pluginId);
        } else {
            hung.put(pluginId, since);
        }
        write(pluginId, false, record -> {
            StateInfo c = record.current();
            record.publish(c.errorInfo(), c.lastUpdate(), c.lastDisplay(), hung.get(pluginId));
            return null;
        });
    }

    void remove(String pluginId) {
        PluginRecord record = plugins.get(pluginId);
        if (record != null) {
            synchronized (record) {
                record.removed = true;
                plugins.remove(pluginId, record);
            }
        }
    }

    /**
     * Runs a change under the plugin's lock. With {@code create}, a missing record is created (and a writer that
     * finds its record just retired by clearState starts over with a fresh one); without, the change applies only
     * to a live record and the result is null otherwise.
     */
    <T> T write(String pluginId, boolean create, Function<PluginRecord, T> change) {
        while (true) {
            PluginRecord record = create
                    ? plugins.computeIfAbsent(pluginId, id -> new PluginRecord(maxHistory, sequence, hung.get(id)))
                    : plugins.get(pluginId);
            if (record == null) {
                return null;
            }
            synchronized (record) {
                if (record.removed) {
                    if (create) {
                        continue;
                    }
                    return null;
                }
                int before = record.notifications.size();
                T result = change.apply(record);
                for (int i = before; i < record.notifications.size(); i++) {
                    notifyListeners(pluginId, record.notifications.get(i));
                }
                record.notifications.clear();
                return result;
            }
        }
    }

    private void notifyListeners(String pluginId, StateTransition transition) {
        log.debug("Plugin {} state transition: {} → {}", pluginId, transition.from().jsonName(),
                transition.to().jsonName());
        for (StateListener listener : listeners) {
            try {
                listener.onTransition(pluginId, transition);
            } catch (RuntimeException e) {
                log.warn("State listener {} failed on {}: {}", listener, pluginId, e.toString());
            }
        }
    }
}
