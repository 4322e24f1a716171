package dev.ledmatrix.state;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one owner of plugin state: current state, bounded transition history, error info, last update
 * and last display per plugin. A Java port of LEDMatrix's {@code PluginStateManager} that keeps every
 * behaviour of the seed (including fix #316's atomic {@link #setStateWithError}) and makes it stronger:
 *
 * <ul>
 *   <li>Each plugin's current facts live in one immutable {@link StateInfo} published through a volatile
 *       field, so every read is a consistent snapshot without a lock, whatever writers do meanwhile.</li>
 *   <li>Writes to one plugin are serialised by that plugin's lock; different plugins never contend.</li>
 *   <li>History is a ring of {@code ledmatrix.history.max-entries}; the total count survives and every
 *       entry has a sequence number that grows across all plugins.</li>
 * </ul>
 */
@Service
public class PluginStateManager {

    private static final Logger log = LoggerFactory.getLogger(PluginStateManager.class);

    private final ConcurrentHashMap<String, PluginRecord> plugins = new ConcurrentHashMap<>();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;
    private final int maxHistory;

    public PluginStateManager(Clock clock, HistoryProperties history) {
        if (history.maxEntries() < 1) {
            throw new IllegalArgumentException("ledmatrix.history.max-entries must be 1 or more, got "
                    + history.maxEntries());
        }
        this.clock = clock;
        this.maxHistory = history.maxEntries();
    }

    // --- writes -------------------------------------------------------------------------------

    /** Changes the state and records the transition; the seed's set_state. */
    public void setState(String pluginId, PluginState state) {
        setState(pluginId, state, null);
    }

    /**
     * Changes the state and records the transition with the error's message. Moving to ERROR with an
     * error stores its error info; moving to any other state clears error info.
     */
    public void setState(String pluginId, PluginState state, Throwable error) {
        write(pluginId, record -> {
            Instant now = clock.instant();
            ErrorInfo errorInfo = record.current().errorInfo();
            if (state == PluginState.ERROR && error != null) {
                errorInfo = ErrorInfo.of(error, now);
            } else if (state != PluginState.ERROR) {
                errorInfo = null;
            }
            record.transition(now, state, error == null ? null : ErrorInfo.messageOf(error), errorInfo);
            return null;
        });
    }

    /**
     * Changes the state, records the transition and stores the error info in one atomic step, and
     * does not clear error info: the recoverable-failure path, where the plugin stays ENABLED and
     * its error stays visible.
     */
    public void setStateWithError(String pluginId, PluginState state, ErrorInfo errorInfo, Throwable error) {
        java.util.Objects.requireNonNull(errorInfo, "errorInfo: use setState to clear error info");
        write(pluginId, record -> {
            record.transition(clock.instant(), state, error == null ? null : ErrorInfo.messageOf(error), errorInfo);
            return null;
        });
    }

    public void setStateWithError(String pluginId, PluginState state, ErrorInfo errorInfo) {
        setStateWithError(pluginId, state, errorInfo, null);
    }

    /**
     * {@link #setStateWithError} only if the plugin is in {@code expected} now, in the same atomic step: a failed
     * update returns its plugin from RUNNING to ENABLED, but never overrides a disable that came first.
     *
     * @return whether it changed
     */
    public boolean setStateWithErrorIf(String pluginId, PluginState expected, PluginState state, ErrorInfo errorInfo,
            Throwable error) {
        return write(pluginId, record -> {
            if (record.current().state() != expected) {
                return false;
            }
            record.transition(clock.instant(), state, error == null ? null : ErrorInfo.messageOf(error), errorInfo);
            return true;
        });
    }

    /**
     * Atomically moves {@code expected → next} only if the plugin is in {@code expected} now. This is
     * how an update reserves a plugin (ENABLED → RUNNING) so it can never run twice at once.
     *
     * @return whether the transition happened
     */
    public boolean compareAndSetState(String pluginId, PluginState expected, PluginState next) {
        return transitionIf(pluginId, Set.of(expected), next).isEmpty();
    }

    /**
     * Moves to {@code next} (clearing error info, as {@link #setState} does) only if the current state is
     * one of {@code allowed}.
     *
     * @return empty when it moved; otherwise the current state that refused the move
     */
    public Optional<PluginState> transitionIf(String pluginId, Set<PluginState> allowed, PluginState next) {
        return Optional.ofNullable(write(pluginId, record -> {
            PluginState current = record.current().state();
            if (!allowed.contains(current)) {
                return current;
            }
            record.transition(clock.instant(), next, null, next == PluginState.ERROR ? record.current().errorInfo() : null);
            return null;
        }));
    }

    /** Stores error info without changing state (the seed's set_error_info); a copy is kept. */
    public void setErrorInfo(String pluginId, ErrorInfo errorInfo) {
        write(pluginId, record -> {
            record.publish(record.current().state(), errorInfo, record.current().lastUpdate(),
                    record.current().lastDisplay());
            return null;
        });
    }

    /** Records that update() finished now. */
    public void recordUpdate(String pluginId) {
        write(pluginId, record -> {
            StateInfo c = record.current();
            record.publish(c.state(), c.errorInfo(), clock.instant(), c.lastDisplay());
            return null;
        });
    }

    /** Records that the plugin was shown now. */
    public void recordDisplay(String pluginId) {
        write(pluginId, record -> {
            StateInfo c = record.current();
            record.publish(c.state(), c.errorInfo(), c.lastUpdate(), clock.instant());
            return null;
        });
    }

    /** Forgets everything about a plugin: it reads as UNLOADED with no history afterwards. */
    public void clearState(String pluginId) {
        PluginRecord record = plugins.get(pluginId);
        if (record != null) {
            synchronized (record) {
                record.removed = true;
                plugins.remove(pluginId, record);
            }
        }
    }

    // --- reads --------------------------------------------------------------------------------

    public PluginState getState(String pluginId) {
        return stateInfo(pluginId).state();
    }

    public boolean isLoaded(String pluginId) {
        return stateInfo(pluginId).loaded();
    }

    public boolean isEnabled(String pluginId) {
        return stateInfo(pluginId).enabled();
    }

    public boolean isRunning(String pluginId) {
        return stateInfo(pluginId).running();
    }

    public boolean isError(String pluginId) {
        return stateInfo(pluginId).error();
    }

    public boolean canExecute(String pluginId) {
        return stateInfo(pluginId).canExecute();
    }

    /** The error info stored with the state, whether in ERROR or after a recoverable failure. */
    public Optional<ErrorInfo> getErrorInfo(String pluginId) {
        return Optional.ofNullable(stateInfo(pluginId).errorInfo());
    }

    public Optional<Instant> getLastUpdate(String pluginId) {
        return Optional.ofNullable(stateInfo(pluginId).lastUpdate());
    }

    public Optional<Instant> getLastDisplay(String pluginId) {
        return Optional.ofNullable(stateInfo(pluginId).lastDisplay());
    }

    /** One consistent snapshot of everything known about the plugin; unknown plugins read as UNLOADED. */
    public StateInfo stateInfo(String pluginId) {
        PluginRecord record = plugins.get(pluginId);
        return record == null ? PluginRecord.UNKNOWN : record.current();
    }

    /** The kept transitions, oldest first, as the seed's get_state_history. */
    public List<StateTransition> getStateHistory(String pluginId) {
        return history(pluginId, Integer.MAX_VALUE, Long.MAX_VALUE).reversed();
    }

    /**
     * Kept transitions newest first, at most {@code limit}, only those with {@code seq < beforeSeq}:
     * pass the last seq of one page as beforeSeq to get the next.
     */
    public List<StateTransition> history(String pluginId, int limit, long beforeSeq) {
        PluginRecord record = plugins.get(pluginId);
        if (record == null) {
            return List.of();
        }
        synchronized (record) {
            return record.newestFirst(limit, beforeSeq);
        }
    }

    /** Ids of every plugin the manager has heard of. */
    public Set<String> pluginIds() {
        return Set.copyOf(plugins.keySet());
    }

    /**
     * Registers a listener for every future transition.
     *
     * @return closing it unregisters the listener
     */
    public AutoCloseable subscribe(StateListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // --- internals ----------------------------------------------------------------------------

    /** Runs a change under the plugin's lock, retrying if a concurrent clearState retired the record. */
    private <T> T write(String pluginId, java.util.function.Function<PluginRecord, T> change) {
        while (true) {
            PluginRecord record = plugins.computeIfAbsent(pluginId, id -> new PluginRecord(maxHistory, sequence));
            synchronized (record) {
                if (record.removed) {
                    continue;
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
