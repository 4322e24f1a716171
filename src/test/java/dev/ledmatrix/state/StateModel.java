package dev.ledmatrix.state;

import static dev.ledmatrix.state.PluginState.*;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seed's plugin_state.py restated as plainly as possible (dicts of plugin → fact, a list of every
 * transition), plus the two things SPEC.md adds: a sequence number per transition that grows across
 * plugins, and history reads that return only the newest {@code maxEntries} while the count keeps the
 * total. Deliberately naive (unbounded lists, no locking) so it is easy to trust. Not thread-safe.
 */
final class StateModel {

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Plugin> plugins = new LinkedHashMap<>();
    private final List<Heard> heard = new ArrayList<>();
    private long lastSeq;

    /** One transition as a listener hears it. */
    record Heard(String pluginId, StateTransition transition) {
    }

    private static final class Plugin {
        PluginState state = UNLOADED;
        ErrorInfo errorInfo;
        Instant lastUpdate;
        Instant lastDisplay;
        final List<StateTransition> history = new ArrayList<>();
    }

    StateModel(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    // --- writes, as the seed does them --------------------------------------------------------------

    void setState(String id, PluginState state, Throwable error) {
        Plugin p = plugin(id);
        record(id, p, state, error == null ? null : message(error));
        if (state == ERROR && error != null) {
            p.errorInfo = new ErrorInfo(message(error), error.getClass().getSimpleName(), clock.instant(),
                    null, null, null);
        } else if (state != ERROR) {
            p.errorInfo = null;
        }
    }

    void setStateWithError(String id, PluginState state, ErrorInfo errorInfo, Throwable error) {
        Plugin p = plugin(id);
        record(id, p, state, error == null ? null : message(error));
        p.errorInfo = errorInfo;
    }

    // Every write below is conditional: on a plugin the model does not know it does nothing (no record appears).

    void setErrorInfo(String id, ErrorInfo errorInfo) {
        if (plugins.containsKey(id)) {
            plugins.get(id).errorInfo = errorInfo;
        }
    }

    /** Not in the seed: setState(next) only when the state is {@code expected}. */
    boolean compareAndSetState(String id, PluginState expected, PluginState next) {
        return transitionIf(id, Set.of(expected), next).isEmpty();
    }

    /** Not in the seed: setState(next) only when the state is one of {@code allowed}; else the refusing state. */
    Optional<PluginState> transitionIf(String id, Set<PluginState> allowed, PluginState next) {
        if (!plugins.containsKey(id)) {
            return Optional.of(UNLOADED);
        }
        PluginState current = plugins.get(id).state;
        if (!allowed.contains(current)) {
            return Optional.of(current);
        }
        setState(id, next, null);
        return Optional.empty();
    }

    void recordUpdate(String id) {
        if (plugins.containsKey(id)) {
            plugins.get(id).lastUpdate = clock.instant();
        }
    }

    /** Not in the seed: a successful update, RUNNING → ENABLED with error info cleared and lastUpdate set. */
    boolean completeUpdate(String id) {
        if (!plugins.containsKey(id) || plugins.get(id).state != RUNNING) {
            return false;
        }
        setState(id, ENABLED, null);
        plugins.get(id).lastUpdate = clock.instant();
        return true;
    }

    void recordDisplay(String id) {
        if (plugins.containsKey(id)) {
            plugins.get(id).lastDisplay = clock.instant();
        }
    }

    void clearState(String id) {
        plugins.remove(id);
    }

    // --- reads -------------------------------------------------------------------------------------

    StateInfo stateInfo(String id) {
        Plugin p = plugins.getOrDefault(id, new Plugin());
        PluginState s = p.state;
        boolean loaded = s == LOADED || s == ENABLED || s == RUNNING;
        return new StateInfo(s, loaded, s == ENABLED, s == RUNNING, s == ERROR, s == ENABLED,
                p.lastUpdate, p.lastDisplay, p.errorInfo, p.history.size(), null);
    }

    /** The kept transitions, newest first: the last {@code maxEntries} ever recorded. */
    List<StateTransition> newestFirst(String id) {
        Plugin p = plugins.get(id);
        if (p == null) {
            return List.of();
        }
        List<StateTransition> all = p.history;
        return List.copyOf(all.subList(Math.max(0, all.size() - maxEntries), all.size()).reversed());
    }

    /** Every plugin some write has touched since it was last cleared. */
    Set<String> pluginIds() {
        return Set.copyOf(plugins.keySet());
    }

    List<Heard> heard() {
        return List.copyOf(heard);
    }

    // --- internals ---------------------------------------------------------------------------------

    private Plugin plugin(String id) {
        return plugins.computeIfAbsent(id, ignored -> new Plugin());
    }

    private void record(String id, Plugin p, PluginState to, String error) {
        StateTransition t = new StateTransition(++lastSeq, clock.instant(), p.state, to, error);
        p.history.add(t);
        heard.add(new Heard(id, t));
        p.state = to;
    }

    /** str(error) in the seed; a Java exception without a message is named by its class instead. */
    private static String message(Throwable error) {
        String m = error.getMessage();
        return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
    }
}
