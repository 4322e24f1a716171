package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The plugin instances: loads them at start, answers what each is doing, and carries out the lifecycle actions
 * of the API. Every change to an instance holds that instance's lifecycle lock and is persisted before it
 * returns.
 */
@Service
public class PluginRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PluginRuntime.class);

    /** Starts before the render loop and stops after it. */
    public static final int PHASE = 0;

    private final Instances instances;
    private final InstanceStore store;
    private final PluginLoader loader;
    private final UpdateScheduler scheduler;
    private final ConfigValidator validator;
    private final PluginTypeRegistry types;
    private final PluginStateManager states;
    private final SchedulerProperties properties;
    private final UpdateObserver observer;
    private volatile List<InstanceStore.Unreadable> unreadable = List.of();
    private volatile boolean running;

    PluginRuntime(Instances instances, InstanceStore store, PluginLoader loader, UpdateScheduler scheduler,
            ConfigValidator validator, PluginTypeRegistry types, PluginStateManager states,
            SchedulerProperties properties, UpdateObserver observer) {
        this.instances = instances;
        this.store = store;
        this.loader = loader;
        this.scheduler = scheduler;
        this.validator = validator;
        this.types = types;
        this.states = states;
        this.properties = properties;
        this.observer = observer;
    }

    // --- lifecycle of the service -------------------------------------------------------------

    @Override
    public void start() {
        InstanceStore.Loaded loaded = store.load();
        List<InstanceSpec> specs = new ArrayList<>(loaded.instances());
        if (loaded.firstStart()) {
            specs.addAll(DefaultInstances.create());
            store.initialise(specs);
            log.info("First start: created the default plugins {} in {}",
                    specs.stream().map(InstanceSpec::id).toList(), store.directory().toAbsolutePath());
        }
        unreadable = List.copyOf(loaded.unreadable());
        for (InstanceSpec spec : specs) {
            ManagedPlugin mp = new ManagedPlugin(spec);
            instances.putIfAbsent(mp);
            withLock(mp, () -> {
                loader.load(mp);
                return null;
            });
        }
        running = true;
        log.info("Loaded {} plugin instance(s)", specs.size());
    }

    @Override
    public void stop() {
        running = false;
        for (ManagedPlugin mp : instances.all()) {
            scheduler.cancel(mp);
            loader.close(mp);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    // --- queries ------------------------------------------------------------------------------

    public List<PluginView> list() {
        return instances.all().stream().map(this::view).toList();
    }

    /** Ids of all instances, in id order; cheap enough to call every frame. */
    public List<String> ids() {
        return instances.all().stream().map(mp -> mp.id).toList();
    }

    public Optional<PluginView> find(String id) {
        return Optional.ofNullable(instances.get(id)).map(this::view);
    }

    public PluginView get(String id) {
        return view(require(id));
    }

    /** How long the instance stays on screen in rotation: its own setting, its type's, or {@code fallback}. */
    public Duration displayDuration(String id, Duration fallback) {
        ManagedPlugin mp = instances.get(id);
        return mp == null ? fallback : mp.displayDuration(fallback);
    }

    /** Instance files that could not be read at start (kept aside under a new name). */
    public List<InstanceStore.Unreadable> unreadableFiles() {
        return unreadable;
    }

    public boolean started() {
        return running;
    }

    // --- actions ------------------------------------------------------------------------------

    /** Creates, persists and loads a new instance; its config must match its type's schema. */
    public PluginView create(InstanceSpec spec) {
        PluginType type = types.find(spec.type()).orElseThrow(() -> new PluginException.Invalid(spec.id(),
                List.of(new ConfigViolation("type", "unknown plugin type '" + spec.type() + "'"))));
        requireValid(spec.id(), type, spec.config());
        ManagedPlugin mp = new ManagedPlugin(spec);
        return withLock(mp, () -> {
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
            return view(mp);
        });
    }

    /** Stops, closes, forgets and un-persists the instance. */
    public void delete(String id) {
        ManagedPlugin mp = require(id);
        withLock(mp, () -> {
            scheduler.cancel(mp);
            if (states.getState(id) == PluginState.ENABLED || states.getState(id) == PluginState.RUNNING) {
                loader.disable(mp);
            }
            loader.close(mp);
            store.delete(id);
            instances.remove(mp);
            states.clearState(id);
            observer.pluginRemoved(id);
            return null;
        });
    }

    public PluginView enable(String id) {
        ManagedPlugin mp = require(id);
        return withLock(mp, () -> {
            PluginState state = states.getState(id);
            switch (state) {
                case ENABLED, RUNNING -> { }
                case LOADED, DISABLED -> {
                    if (mp.plugin() == null) {
                        persist(mp, mp.spec().withEnabled(true));
                        loader.load(mp);
                        return view(mp);
                    }
                    loader.enable(mp);
                }
                default -> throw new PluginException.StateConflict(id, "enable", state,
                        "fix its config (PUT .../config) or reset it");
            }
            persist(mp, mp.spec().withEnabled(true));
            return view(mp);
        });
    }

    public PluginView disable(String id) {
        ManagedPlugin mp = require(id);
        return withLock(mp, () -> {
            if (states.getState(id) != PluginState.DISABLED) {
                scheduler.cancel(mp);
                loader.disable(mp);
                // A disabled plugin is not failing: its count and backoff start afresh when it is enabled again.
                mp.resetSchedule();
            }
            persist(mp, mp.spec().withEnabled(false));
            return view(mp);
        });
    }

    /**
     * Runs an update now, ignoring interval and backoff.
     *
     * @return true if one started, false if one is already running
     */
    public boolean update(String id) {
        ManagedPlugin mp = require(id);
        return withLock(mp, () -> {
            PluginState state = states.getState(id);
            if (state == PluginState.RUNNING) {
                return false;
            }
            if (state != PluginState.ENABLED) {
                throw new PluginException.StateConflict(id, "update", state, "only an enabled plugin updates");
            }
            if (!scheduler.start(mp)) {
                throw new PluginException.StateConflict(id, "update", state,
                        "its previous update ignores interruption and still holds its thread");
            }
            return true;
        });
    }

    /**
     * Leaves error and backoff: clears failures and error info and retries at once (reloading from ERROR). With
     * nothing to reset (no error, no error info, no failures) it changes nothing, so repeating it is harmless.
     */
    public PluginView reset(String id) {
        ManagedPlugin mp = require(id);
        return withLock(mp, () -> {
            if (!needsReset(mp)) {
                return view(mp);
            }
            mp.resetSchedule();
            mp.render().reset();
            PluginState state = states.getState(id);
            if (state == PluginState.ERROR || mp.plugin() == null) {
                reloadLocked(mp);
            } else if (mp.attempt() == null || mp.attempt().ended()) {
                states.setErrorInfo(id, null);
            }
            return view(mp);
        });
    }

    /**
     * Whether {@link #reset} would change anything: an error, error info, failed updates being counted, or renders
     * failing or skipped.
     */
    public boolean needsReset(String id) {
        return needsReset(require(id));
    }

    private boolean needsReset(ManagedPlugin mp) {
        RenderStatus renders = mp.render().status();
        return states.getState(mp.id) == PluginState.ERROR || states.getErrorInfo(mp.id).isPresent()
                || mp.updateStatus().consecutiveFailures() > 0
                || renders.consecutiveFailures() > 0 || renders.skippedUntil() != null;
    }

    /** Closes the plugin and builds it again from its persisted spec. */
    public PluginView reload(String id) {
        ManagedPlugin mp = require(id);
        return withLock(mp, () -> {
            reloadLocked(mp);
            return view(mp);
        });
    }

    public JsonNode config(String id) {
        return require(id).spec().config();
    }

    /**
     * Validates, persists and applies a new config: live through onConfigChange if the plugin accepts it,
     * otherwise by rebuilding the plugin. An invalid config changes nothing.
     */
    public PluginView updateConfig(String id, JsonNode config) {
        ManagedPlugin mp = require(id);
        return withLock(mp, () -> {
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
                    log.warn("Plugin {} could not apply its new config live ({}); rebuilding it", id, e.toString());
                }
            }
            if (!applied) {
                reloadLocked(mp);
            }
            return view(mp);
        });
    }

    // --- internals ----------------------------------------------------------------------------

    private void reloadLocked(ManagedPlugin mp) {
        scheduler.cancel(mp);
        // RUNNING too: onEnable was called for it, so it gets its onDisable before close, as on delete.
        PluginState state = states.getState(mp.id);
        if (mp.plugin() != null && (state == PluginState.ENABLED || state == PluginState.RUNNING)) {
            loader.disable(mp);
        }
        loader.close(mp);
        mp.resetSchedule();
        loader.load(mp);
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

    private ManagedPlugin require(String id) {
        ManagedPlugin mp = instances.get(id);
        if (mp == null) {
            throw new PluginException.NotFound(id);
        }
        return mp;
    }

    private <T> T withLock(ManagedPlugin mp, Supplier<T> action) {
        mp.lifecycle.lock();
        try {
            return action.get();
        } finally {
            mp.lifecycle.unlock();
        }
    }

    private PluginView view(ManagedPlugin mp) {
        PluginType type = mp.type() != null ? mp.type() : types.find(mp.spec().type()).orElse(null);
        return new PluginView(mp.spec(), type == null ? null : type.descriptor().name(), states.stateInfo(mp.id),
                mp.updateStatus(), mp.render().status(), mp.updateInterval(),
                mp.updateTimeout(properties.defaultUpdateTimeout()));
    }
}
