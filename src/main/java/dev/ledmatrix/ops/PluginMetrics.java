package dev.ledmatrix.ops;

import java.time.Duration;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.UpdateObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Times every update and render: {@code ledmatrix.plugin.updates} and {@code ledmatrix.plugin.renders}. */
@Component
class PluginMetrics implements UpdateObserver {

    static final String UPDATES = "ledmatrix.plugin.updates";
    static final String RENDERS = "ledmatrix.plugin.renders";

    private final MeterRegistry registry;

    PluginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void updateFinished(String pluginId, UpdateOutcome outcome, Duration duration) {
        timer(UPDATES, "Plugin update attempts", pluginId, outcome.name()).record(duration);
    }

    @Override
    public void renderFinished(String pluginId, RenderOutcome outcome, Duration duration) {
        timer(RENDERS, "Plugin render calls", pluginId, outcome.name()).record(duration);
    }

    @Override
    public void pluginRemoved(String pluginId) {
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("ledmatrix.plugin."))
                .filter(m -> pluginId.equals(m.getId().getTag("plugin")))
                .forEach(registry::remove);
    }

    private Timer timer(String name, String description, String pluginId, String outcome) {
        return Timer.builder(name)
                .description(description)
                .tag("plugin", pluginId)
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
