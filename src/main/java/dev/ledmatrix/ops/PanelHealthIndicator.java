package dev.ledmatrix.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.display.panel.PanelStatus;

/**
 * Health component {@code panel}: which backend is in use and, when the configured native panel could not be
 * opened and the emulator stands in, why (DEGRADED, still HTTP 200). DOWN only when the render loop has stopped.
 */
@Component
class PanelHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status(PluginsHealthIndicator.DEGRADED.getCode(),
            "The emulator stands in for the configured panel; see problem");

    private final DisplayService display;

    PanelHealthIndicator(DisplayService display) {
        this.display = display;
    }

    @Override
    public Health health() {
        PanelStatus status = display.panelStatus();
        DisplayInfo info = display.info();
        Status overall = !display.renderLoopRunning() ? Status.DOWN
                : status.degraded() ? DEGRADED : Status.UP;
        Health.Builder health = Health.status(overall)
                .withDetail("requestedBackend", status.requestedBackend())
                .withDetail("activeBackend", status.activeBackend())
                .withDetail("width", info.width())
                .withDetail("height", info.height())
                .withDetail("renderLoop", display.renderLoopRunning() ? "running" : "stopped")
                .withDetail("fps", info.fps());
        if (status.problem() != null) {
            health.withDetail("problem", status.problem());
        }
        if (status.libraryMessage() != null) {
            health.withDetail("libraryMessage", status.libraryMessage());
        }
        return health.build();
    }
}
