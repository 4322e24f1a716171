package dev.ledmatrix.state;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

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

    private final PluginRecords records;
    private final Clock clock;

    public PluginStateManager(Clock clock, HistoryProperties history) {
        if (history.maxEntries() < 1) {
            throw new IllegalArgumentException("ledmatrix.history.max-entries must be 1 or more, got "
                    + history.maxEntries());
        }
        this.clock = clock;
        this.records = new PluginRecords(history.maxEntries());
    }

    // --- writes -------------------------------------------------------------------------------
    // setState and setStateWithError are the seed's and create the plugin's record if needed. Every other write is
    // conditional: it applies only to a plugin the manager knows, so a late write (an update or render that ends
    // after its plugin was deleted) can never bring a deleted plugin back, nor leave traces for a re-created one.

    /** Changes the state and records the transition; the seed's set_state. */
    public void setState(String pluginId, PluginState state) {
        setState(pluginId, state, null);
    }

    /**
     * Changes the state and records the transition with the error's message. Moving to ERROR with an
     * error stores its error info; moving to any other state clears error info.
     */
    public void setState(String pluginId, PluginState state, Throwable error) {
        records.write(pluginId, true, record -> {
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
        Objects.requireNonNull(errorInfo, "errorInfo: use setState to clear error info");
        records.write(pluginId, true, record -> {
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
        return Boolean.TRUE.equals(records.write(pluginId, false, record -> {
            if (record.current().state() != expected) {
                return false;
            }
            record.transition(clock.instant(), state, error == null ? null : ErrorInfo.messageOf(error), errorInfo);
            return true;
        }));
    }

    /**
     * A successful update in one step: RUNNING → ENABLED, error info cleared and {@code lastUpdate} set now, only
     * if the plugin is RUNNING (a disable, reload or delete that came first wins).
     *
     * @return whether it changed
     */
    public boolean completeUpdate(String pluginId) {
        return Boolean.TRUE.equals(records.write(pluginId, false, record -> {
            if (record.current().state() != PluginState.RUNNING) {
                return false;
            }
            Instant now = clock.instant();
            record.transition(now, PluginState.ENABLED, null, null, now);
            return true;
        }));
    }

    /**
     * Atomically moves {@code expected → next} only if the plugin is in {@code expected} now. This is
     * how an update reserves a plugin (ENABLED → RUNNING) so it can never run twice at once.
     *
     * @return whether the transition happened (never for a plugin the manager does not know)
     */
    public boolean compareAndSetState(String pluginId, PluginState expected, PluginState next) {
        return transitionIf(pluginId, Set.of(expected), next).isEmpty();
    }

    /**
     * Moves to {@code next} (clearing error info, as {@link #setState} does) only if the current state is
     * one of {@code allowed}. A plugin the manager does not know refuses as UNLOADED.
     *
     * @return empty when it moved; otherwise the current state that refused the move
     */
    public Optional<PluginState> transitionIf(String pluginId, Set<PluginState> allowed, PluginState next) {
        Optional<PluginState> refused = records.write(pluginId, false, record -> {
            PluginState current = record.current().state();
            if (!allowed.contains(current)) {
                return Optional.of(current);
            }
            record.transition(clock.instant(), next, null, next == PluginState.ERROR ? record.current().errorInfo() : null);
            return Optional.<PluginState>empty();
        });
        return refused == null ? Optional.of(PluginState.UNLOADED) : refused;
    }

    /** Stores error info without changing state (the seed's set_error_info), for a plugin the manager knows. */
    public void setErrorInfo(String pluginId, ErrorInfo errorInfo) {
        updateErrorInfo(pluginId, ignored -> errorInfo);
    }

    /**
     * Reads, changes and stores error info in one atomic step (no other write can come in between, so a stale value
     * can never be written back over a newer one). {@code change} gets the current error info or null and returns
     * the new one or null; it runs under the plugin's lock, so it must be quick and must not call back.
     *
     * @return false if the manager does not know the plugin (nothing is created)
     */
    public boolean updateErrorInfo(String pluginId, UnaryOperator<ErrorInfo> change) {
        return Boolean.TRUE.equals(records.write(pluginId, false, record -> {
            StateInfo c = record.current();
            ErrorInfo next = change.apply(c.errorInfo());
            if (!Objects.equals(next, c.errorInfo())) {
                record.publish(next, c.lastUpdate(), c.lastDisplay(), c.hungUpdateSince());
            }
            return true;
        }));
    }

    /** Records that update() finished now, for a plugin the manager knows. */
    public void recordUpdate(String pluginId) {
        records.write(pluginId, false, record -> {
            StateInfo c = record.current();
            record.publish(c.errorInfo(), clock.instant(), c.lastDisplay(), c.hungUpdateSince());
            return null;
        });
    }

    /** Records that the plugin was shown now, for a plugin the manager knows. */
    public void recordDisplay(String pluginId) {
        records.write(pluginId, false, record -> {
            StateInfo c = record.current();
            record.publish(c.errorInfo(), c.lastUpdate(), clock.instant(), c.hungUpdateSince());
            return null;
        });
    }

    /**
     * An update of this id ignores interruption and still holds its thread since {@code since} (null: no longer).
     * This is charged to the id, not to one record: it stays through every lifecycle action, clearState included,
     * and a record created for the id later starts with it, until the thread ends and clears it.
     */
    public void setHungUpdateSince(String pluginId, Instant since) {
        records.setHung(pluginId, since);
    }

    /** Forgets everything about a plugin: it reads as UNLOADED with no history afterwards (a hung update stays). */
    public void clearState(String pluginId) {
        records.remove(pluginId);
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
        return records.current(pluginId);
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
        return records.history(pluginId, limit, beforeSeq);
    }

    /** Ids of every plugin the manager has heard of. */
    public Set<String> pluginIds() {
        return records.ids();
    }

    /**
     * Registers a listener for every future transition.
     *
     * @return closing it unregisters the listener
     */
    public AutoCloseable subscribe(StateListener listener) {
        return records.subscribe(listener);
    }
}
