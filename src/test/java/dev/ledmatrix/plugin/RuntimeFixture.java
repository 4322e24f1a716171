package dev.ledmatrix.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ledmatrix.JsonConfig;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.HistoryProperties;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/** The plugin runtime wired by hand around a temporary data directory, without Spring; ticks are manual. */
final class RuntimeFixture implements AutoCloseable {

    record Event(String pluginId, String kind, String outcome) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final PluginStateManager states;
    final Instances instances = new Instances();
    final UpdateScheduler scheduler;
    final PluginRuntime runtime;
    final PluginRenderer renderer;
    final InstanceStore store;
    final PluginTypeRegistry types;

    RuntimeFixture(Path dataDir, Clock clock, Duration defaultTimeout, Duration maxBackoff, List<PluginType> typeList) {
        states = new PluginStateManager(clock, new HistoryProperties(100));
        JsonMapper json = JsonMapper.builder().addModule(JsonConfig.durationModule()).build();
        store = new InstanceStore(new DataDirectory(dataDir), json, clock);
        types = new PluginTypeRegistry(typeList, new PluginProperties(dataDir.resolve("no-plugins")));
        UpdateObserver observer = new UpdateObserver() {
            @Override
            public void updateFinished(String pluginId, UpdateOutcome outcome, Duration duration) {
                events.add(new Event(pluginId, "update", outcome.name()));
            }

            @Override
            public void renderFinished(String pluginId, RenderOutcome outcome, Duration duration) {
                events.add(new Event(pluginId, "render", outcome.name()));
            }
        };
        SchedulerProperties properties = new SchedulerProperties(Duration.ofMillis(50), defaultTimeout, maxBackoff);
        ConfigValidator validator = new ConfigValidator();
        PluginLoader loader = new PluginLoader(types, validator, states, clock);
        scheduler = new UpdateScheduler(instances, states, observer, properties, clock);
        runtime = new PluginRuntime(instances, store, loader, scheduler, validator, types, states, properties,
                observer);
        renderer = new PluginRenderer(instances, states, observer, clock);
    }

    long count(String pluginId, String kind, String outcome) {
        return events.stream().filter(e -> e.pluginId().equals(pluginId) && e.kind().equals(kind)
                && e.outcome().equals(outcome)).count();
    }

    @Override
    public void close() {
        runtime.stop();
        scheduler.destroy();
        renderer.destroy();
    }
}
