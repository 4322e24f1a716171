package dev.ledmatrix.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ledmatrix.JsonConfig;
import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.HistoryProperties;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plugin runtime wired by hand around a temporary data directory, without Spring; ticks are manual.
 * Public so that tests of other packages (the built-in types) can run their plugins through the real scheduler.
 */
public final class RuntimeFixture implements AutoCloseable {

    record Event(String pluginId, String kind, String outcome) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final PluginStateManager states;
    final Instances instances = new Instances();
    final UpdateScheduler scheduler;
    final PluginRuntime runtime;
    final PluginActions actions;
    final PluginRenderer renderer;
    final InstanceStore store;
    final PluginTypeRegistry types;

    /** Built-in test types only; no plugin jars. */
    public RuntimeFixture(Path dataDir, Clock clock, Duration defaultTimeout, Duration maxBackoff,
            List<PluginType> typeList) {
        this(dataDir, clock, defaultTimeout, maxBackoff, typeList, dataDir.resolve("no-plugins"));
    }

    public RuntimeFixture(Path dataDir, Clock clock, Duration defaultTimeout, Duration maxBackoff,
            List<PluginType> typeList, Path pluginsDir) {
        this(dataDir, clock, defaultTimeout, maxBackoff, typeList, pluginsDir, null, UpdateScheduler.HUNG_GRACE, null,
                16);
    }

    /**
     * @param updates   runs the update threads (null: one virtual thread each, as in the service); a test passes a
     *                  {@link HeldExecutor} to decide when each thread starts
     * @param hungGrace how long past its timeout an interrupted update may take before it counts as hung
     */
    RuntimeFixture(Path dataDir, Clock clock, Duration defaultTimeout, Duration maxBackoff,
            List<PluginType> typeList, Path pluginsDir, java.util.concurrent.ExecutorService updates,
            Duration hungGrace, UpdateSupervisor.Deadlines deadlines, int maxHungUpdates) {
        states = new PluginStateManager(clock, new HistoryProperties(100));
        JsonMapper json = JsonMapper.builder().addModule(JsonConfig.durationModule()).build();
        store = new InstanceStore(new DataDirectory(dataDir), json, clock);
        types = new PluginTypeRegistry(typeList, new PluginProperties(pluginsDir));
        UpdateObserver observer = new UpdateObserver() {
            @Override
            public void updateFinished(String pluginId, UpdateOutcome outcome, Duration duration) {
                events.add(new Event(pluginId, "update", outcome.name()));
            }

            @Override
            public void renderFinished(String pluginId, RenderOutcome outcome, Duration duration) {
                events.add(new Event(pluginId, "render", outcome.name()));
            }

            @Override
            public void pluginRemoved(String pluginId) {
                events.add(new Event(pluginId, "removed", ""));
            }
        };
        SchedulerProperties properties = new SchedulerProperties(Duration.ofMillis(50), defaultTimeout, maxBackoff,
                maxHungUpdates);
        ConfigValidator validator = new ConfigValidator();
        PluginSecrets secrets = new PluginSecrets(types, instances);
        PluginLoader loader = new PluginLoader(types, validator, states, clock, secrets);
        scheduler = new UpdateScheduler(instances, states, observer, properties, clock, secrets,
                updates != null ? updates : java.util.concurrent.Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("plugin-update-", 0).factory()),
                hungGrace, deadlines);
        runtime = new PluginRuntime(instances, store, loader, scheduler, types, states, properties);
        actions = new PluginActions(runtime, instances, store, loader, scheduler, validator, types, states, observer,
                secrets);
        renderer = new PluginRenderer(instances, states, observer, clock, secrets);
    }

    public PluginActions actions() {
        return actions;
    }

    public PluginRuntime runtime() {
        return runtime;
    }

    public PluginStateManager states() {
        return states;
    }

    public PluginTypeRegistry types() {
        return types;
    }

    /** One scheduler tick, as {@code @Scheduled} would run it. */
    public void tick() {
        scheduler.tick();
    }

    /** Renders the plugin into {@code canvas} through the real renderer, with a generous budget. */
    public PluginRenderer.Result render(String pluginId, Canvas canvas, RenderContext context) {
        return renderer.render(pluginId, canvas, context, Duration.ofSeconds(2));
    }

    /** How many updates or renders of the plugin ended with this outcome (e.g. "update", "TIMEOUT"). */
    public long count(String pluginId, String kind, String outcome) {
        return events.stream().filter(e -> e.pluginId().equals(pluginId) && e.kind().equals(kind)
                && e.outcome().equals(outcome)).count();
    }

    /** Observer events of the plugin after the last time it was removed (late metrics re-register its meters). */
    List<Event> eventsAfterRemoval(String pluginId) {
        List<Event> mine = events.stream().filter(e -> e.pluginId().equals(pluginId)).toList();
        int last = -1;
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).kind().equals("removed")) {
                last = i;
            }
        }
        return last < 0 ? List.of() : mine.subList(last + 1, mine.size());
    }

    /** True once no update thread of the plugin is alive (it may have finished, failed or been abandoned). */
    public boolean idle(String pluginId) {
        return runtime.get(pluginId).updates().runningSince() == null;
    }

    @Override
    public void close() {
        runtime.stop();
        scheduler.destroy();
        renderer.destroy();
        types.destroy();
    }
}
