package dev.ledmatrix.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.plugin.PluginRuntime;

/**
 * Health component {@code display}, part of the readiness group only: ready once plugins are loaded and the render
 * loop runs. Liveness never looks at it.
 */
@Component("displayHealthIndicator")
class RenderLoopHealthIndicator implements HealthIndicator {

    private final DisplayService display;
    private final PluginRuntime runtime;

    RenderLoopHealthIndicator(DisplayService display, PluginRuntime runtime) {
        this.display = display;
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        boolean loaded = runtime.started();
        boolean rendering = display.renderLoopRunning();
        return (loaded && rendering ? Health.up() : Health.outOfService())
                .withDetail("pluginsLoaded", loaded)
                .withDetail("renderLoop", rendering ? "running" : "stopped")
                .build();
    }
}
