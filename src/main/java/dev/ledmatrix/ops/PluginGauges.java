package dev.ledmatrix.ops;

import java.util.ArrayList;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * {@code ledmatrix.plugin.state} (1 for the state a plugin is in, 0 for the others) and
 * {@code ledmatrix.plugin.consecutive.failures}, refreshed every second so added and removed instances appear
 * and disappear; {@code ledmatrix.plugin.hung.updates}, read when scraped.
 */
@Component
class PluginGauges {

    private final PluginRuntime runtime;
    private final MultiGauge state;
    private final MultiGauge failures;

    PluginGauges(PluginRuntime runtime, MeterRegistry registry) {
        this.runtime = runtime;
        this.state = MultiGauge.builder("ledmatrix.plugin.state")
                .description("1 for the state each plugin is in, 0 for the others")
                .register(registry);
        this.failures = MultiGauge.builder("ledmatrix.plugin.consecutive.failures")
                .description("Failed updates in a row per plugin")
                .register(registry);
        Gauge.builder("ledmatrix.plugin.hung.updates", runtime, PluginRuntime::hungUpdates)
                .description("Updates that ignore interruption and still hold their threads, over all plugins")
                .register(registry);
    }

    @Scheduled(fixedRate = 1000)
    void refresh() {
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        List<MultiGauge.Row<?>> failureRows = new ArrayList<>();
        for (PluginView view : runtime.list()) {
            for (PluginState s : PluginState.values()) {
                stateRows.add(MultiGauge.Row.of(Tags.of("plugin", view.id(), "state", s.jsonName()),
                        view.state().state() == s ? 1 : 0));
            }
            failureRows.add(MultiGauge.Row.of(Tags.of("plugin", view.id()), view.updates().consecutiveFailures()));
        }
        state.register(stateRows, true);
        failures.register(failureRows, true);
    }
}
