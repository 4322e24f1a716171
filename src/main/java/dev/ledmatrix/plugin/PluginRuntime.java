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

import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;
import tools.jackson.databind.JsonNode;

/**
 * The plugin instances: loads them when the service starts, closes them when it stops, and answers what each is
 * doing. Changes to instances are {@link PluginActions}.
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
    private final PluginTypeRegistry types;
    private final PluginStateManager states;
    private final SchedulerProperties properties;
    private volatile List<InstanceStore.Unreadable> unreadable = List.of();
    private volatile boolean running;

    PluginRuntime(Instances instances, InstanceStore store, PluginLoader loader, UpdateScheduler scheduler,
            PluginTypeRegistry types, PluginStateManager states, SchedulerProperties properties) {
        this.instances = instances;
        this.store = store;
        this.loader = loader;
        this.scheduler = scheduler;
        this.types = types;
        this.states = states;
        this.properties = properties;
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

    /** The instance's spec as configured now, or null when there is no such instance; cheap enough for every frame. */
    public InstanceSpec specOf(String id) {
        ManagedPlugin mp = instances.get(id);
        return mp == null ? null : mp.spec();
    }

    /** The instance's config, a copy. */
    public JsonNode config(String id) {
        return require(id).spec().config();
    }

    /** Instance files that could not be read at start (kept aside under a new name). */
    public List<InstanceStore.Unreadable> unreadableFiles() {
        return unreadable;
    }

    public boolean started() {
        return running;
    }

    // --- for the actions ------------------------------------------------------------------------

    ManagedPlugin require(String id) {
        ManagedPlugin mp = instances.get(id);
        if (mp == null) {
            throw new PluginException.NotFound(id);
        }
        return mp;
    }

    <T> T withLock(ManagedPlugin mp, Supplier<T> action) {
        mp.lifecycle.lock();
        try {
            return action.get();
        } finally {
            mp.lifecycle.unlock();
        }
    }

    PluginView view(ManagedPlugin mp) {
        PluginType type = mp.type() != null ? mp.type() : types.find(mp.spec().type()).orElse(null);
        return new PluginView(mp.spec(), type == null ? null : type.descriptor().name(), states.stateInfo(mp.id),
                mp.updateStatus(), mp.render().status(), mp.updateInterval(),
                mp.updateTimeout(properties.defaultUpdateTimeout()));
    }
}
