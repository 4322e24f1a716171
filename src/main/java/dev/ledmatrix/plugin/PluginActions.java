package dev.ledmatrix.plugin;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The lifecycle actions of the API: create, delete, enable, disable, update now, reset, reload and config changes.
 * Each holds the instance's lifecycle lock, so actions on one instance never interleave, and persists before it
 * returns; an action the current state does not allow throws {@link PluginException.StateConflict}. An action
 * that was waiting for the lock while the instance was deleted finds it gone (NotFound) and writes nothing, so
 * a deleted instance's file is never written again.
 */
@Service
public class PluginActions {

    private static final Logger log = LoggerFactory.getLogger(PluginActions.class);

    private final PluginRuntime runtime;
    private final Instances instances;
    private final InstanceStore store;
    private final PluginLoader loader;
    private final UpdateScheduler scheduler;
    private final ConfigValidator validator;
    private final PluginTypeRegistry types;
    private final PluginStateManager states;
    private final UpdateObserver observer;
    private final PluginSecrets secrets;

    PluginActions(PluginRuntime runtime, Instances instances, InstanceStore store, PluginLoader loader,
            UpdateScheduler scheduler, ConfigValidator validator, PluginTypeRegistry types, PluginStateManager states,
            UpdateObserver observer, PluginSecrets secrets) {
        this.runtime = runtime;
        this.secrets = secrets;
        this.instances = instances;
        this.store = store;
        this.loader = loader;
        this.scheduler = scheduler;
        this.validator = validator;
        this.types = types;
        this.states = states;
        this.observer = observer;
    }

    /** Creates, persists and loads a new instance; its config must match its type's schema. */
    public PluginView create(InstanceSpec spec) {
        PluginType type = types.find(spec.type()).orElseThrow(() -> new PluginException.Invalid(spec.id(),
                List.of(new ConfigViolation("type", "unknown plugin type '" + spec.type() + "'"))));
        requireValid(spec.id(), type, spec.config());
        ManagedPlugin mp = new ManagedPlugin(spec);
        return runtime.withLock(mp, () -> {
            if (instances.putIfAbsent(mp) != null) {
                throw new PluginException.AlreadyExists(spec.id());
            }
            try {
                store.save(spec);
            } catch (RuntimeException e) {
                instances.remove(mp);
                throw e;
            }
            loader.load(mp);
            return runtime.view(mp);
        });
    }

    /** Stops, closes, forgets and un-persists the instance. */
    public void delete(String id) {
        ManagedPlugin mp = runtime.require(id);
        runtime.withRegistered(mp, () -> {
            takeOut(mp);
            loader.close(mp);
            store.delete(id);
            instances.remove(mp);
            states.clearState(id);
            observer.pluginRemoved(id);
            return null;
        });
    }

    public PluginView enable(String id) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withRegistered(mp, () -> {
            PluginState state = states.getState(id);
            switch (state) {
                case ENABLED, RUNNING -> { }
                case LOADED, DISABLED -> {
                    if (mp.plugin() == null) {
                        persist(mp, mp.spec().withEnabled(true));
                        loader.load(mp);
                        return runtime.view(mp);
                    }
                    loader.enable(mp);
                }
                default -> throw new PluginException.StateConflict(id, "enable", state,
                        "fix its config (PUT .../config) or reset it");
            }
            persist(mp, mp.spec().withEnabled(true));
            return runtime.view(mp);
        });
    }

    public PluginView disable(String id) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withRegistered(mp, () -> {
            if (states.getState(id) != PluginState.DISABLED) {
                takeOut(mp);
                if (states.getState(id) != PluginState.DISABLED) {
                    states.setState(id, PluginState.DISABLED); // from LOADED or ERROR: no hooks were called
                }
                // A disabled plugin is not failing: its count and backoff start afresh when it is enabled again.
                mp.schedule(ManagedPlugin.Schedule.FRESH);
            }
            persist(mp, mp.spec().withEnabled(false));
            return runtime.view(mp);
        });
    }

    /**
     * Runs an update now, ignoring interval and backoff.
     *
     * @return true if one started, false if one is already running
     */
    public boolean update(String id) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withRegistered(mp, () -> {
            PluginState state = states.getState(id);
            if (state == PluginState.RUNNING) {
                return false;
            }
            if (state != PluginState.ENABLED) {
                throw new PluginException.StateConflict(id, "update", state, "only an enabled plugin updates");
            }
            return switch (scheduler.start(mp, true)) {
                case STARTED -> true;
                case NOT_NOW -> false;
                case BUSY -> {
                    if (states.stateInfo(id).hungUpdateSince() != null) {
                        throw new PluginException.StateConflict(id, "update", state,
                                "its previous update ignores interruption and still holds its thread");
                    }
                    yield false; // its previous update is just ending
                }
                case HUNG_LIMIT -> throw new PluginException.StateConflict(id, "update", state,
                        "too many updates that ignore interruption hold their threads (ledmatrix.scheduler."
                                + "max-hung-updates); see its error info");
            };
        });
    }

    /**
     * Leaves error and backoff: clears failures and error info and retries at once (reloading from ERROR). With
     * nothing to reset (no error, no error info, no failures) it changes nothing, so repeating it is harmless.
     */
    public PluginView reset(String id) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withRegistered(mp, () -> {
            if (!needsReset(mp)) {
                return runtime.view(mp);
            }
            mp.render().reset();
            PluginState state = states.getState(id);
            if (state == PluginState.ERROR || mp.plugin() == null) {
                reloadLocked(mp);
            } else {
                synchronized (mp) { // as one step with a failure being recorded: either comes first, never half
                    mp.schedule(ManagedPlugin.Schedule.FRESH);
                    states.updateErrorInfo(id, ignored -> null);
                }
            }
            return runtime.view(mp);
        });
    }

    /**
     * Whether {@link #reset} would change anything: an error, error info, failed updates being counted, or renders
     * failing or skipped.
     */
    public boolean needsReset(String id) {
        return needsReset(runtime.require(id));
    }

    private boolean needsReset(ManagedPlugin mp) {
        RenderStatus renders = mp.render().status();
        return states.getState(mp.id) == PluginState.ERROR || states.getErrorInfo(mp.id).isPresent()
                || mp.schedule().consecutiveFailures() > 0
                || renders.consecutiveFailures() > 0 || renders.skippedUntil() != null;
    }

    /** Closes the plugin and builds it again from its persisted spec. */
    public PluginView reload(String id) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withRegistered(mp, () -> {
            reloadLocked(mp);
            return runtime.view(mp);
        });
    }

    /**
     * Validates, persists and applies a new config: live through onConfigChange if the plugin accepts it,
     * otherwise by rebuilding the plugin. An invalid config changes nothing.
     */
    public PluginView updateConfig(String id, JsonNode config) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withRegistered(mp, () -> {
            PluginType type = types.find(mp.spec().type()).orElse(null);
            if (type == null) {
                throw new PluginException.Invalid(id, List.of(new ConfigViolation("type",
                        "plugin type '" + mp.spec().type() + "' is not installed, so its config cannot be checked")));
            }
            JsonNode value = config == null ? JsonNodeFactory.instance.objectNode() : config;
            requireValid(id, type, value);
            persist(mp, mp.spec().withConfig(value));
            boolean applied = false;
            if (mp.plugin() != null && states.getState(id) != PluginState.ERROR) {
                try {
                    applied = mp.plugin().onConfigChange(PluginConfig.of(value));
                } catch (Exception e) {
                    log.warn("Plugin {} could not apply its new config live ({}); rebuilding it", id,
                            secrets.maskText(mp.spec(), e.toString()));
                }
            }
            if (!applied) {
                reloadLocked(mp);
            }
            return runtime.view(mp);
        });
    }

    /**
     * Changes how the instance is scheduled and shown (intervals, durations, display windows, live priority, cap),
     * never its id, type, enabled flag or config: persisted, and applied from the next update and the next frame. A
     * shorter update interval brings a planned next update forward, unless the plugin is backing off after failures.
     */
    public PluginView patch(String id, UnaryOperator<InstanceSpec> change) {
        ManagedPlugin mp = runtime.require(id);
        return runtime.withLock(mp, () -> {
            InstanceSpec before = mp.spec();
            InstanceSpec after = change.apply(before);
            if (!after.id().equals(before.id()) || !after.type().equals(before.type())
                    || after.enabled() != before.enabled() || !after.config().equals(before.config())) {
                throw new IllegalArgumentException("a patch changes only scheduling and display fields");
            }
            persist(mp, after);
            states.getLastUpdate(id).ifPresent(last -> mp.bringForward(last.plus(mp.updateInterval())));
            return runtime.view(mp);
        });
    }

    // --- internals ----------------------------------------------------------------------------

    private void reloadLocked(ManagedPlugin mp) {
        takeOut(mp);
        loader.close(mp);
        mp.schedule(ManagedPlugin.Schedule.FRESH);
        loader.load(mp);
    }

    /**
     * The lifecycle order every action that takes a plugin out follows: first the state (ENABLED or RUNNING →
     * DISABLED, so no new update can be reserved), then the running update (stopped, and awaited up to the hung
     * grace), then the hooks (onDisable, for a plugin whose onEnable was called). The caller holds the lock.
     */
    private void takeOut(ManagedPlugin mp) {
        PluginState state = states.getState(mp.id);
        boolean wasOn = state == PluginState.ENABLED || state == PluginState.RUNNING;
        if (wasOn) {
            states.setState(mp.id, PluginState.DISABLED);
        }
        scheduler.stop(mp);
        if (wasOn) {
            loader.onDisable(mp);
        }
    }

    private void requireValid(String id, PluginType type, JsonNode config) {
        List<ConfigViolation> violations = validator.validate(type, config);
        if (!violations.isEmpty()) {
            throw new PluginException.Invalid(id, violations);
        }
    }

    private void persist(ManagedPlugin mp, InstanceSpec spec) {
        if (!spec.equals(mp.spec())) {
            store.save(spec);
            mp.spec(spec);
        }
    }
}
