package dev.ledmatrix.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.display.DisplayService;

/**
 * Health component {@code schedule}: what the display's power and schedule are doing. DEGRADED (still HTTP 200)
 * while the schedule is held because the system clock is not synchronized yet; a panel switched off is not a
 * problem, so it stays UP. Not part of readiness: an off panel still renders (black) frames.
 */
@Component
class ScheduleHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status(PluginsHealthIndicator.DEGRADED.getCode(),
            "The schedule waits for the system clock to be synchronized");

    private final DisplayService display;

    ScheduleHealthIndicator(DisplayService display) {
        this.display = display;
    }

    @Override
    public Health health() {
        DisplayInfo info = display.info();
        String held = display.scheduleHeldBecause();
        Health.Builder health = Health.status(held != null && info.scheduleHeld() ? DEGRADED : Status.UP)
                .withDetail("reason", info.reason().json())
                .withDetail("power", info.power().on() ? "on" : "off")
                .withDetail("manualOverride", info.power().manual())
                .withDetail("timeZone", info.timeZone())
                .withDetail("clockSynchronized", held == null);
        if (info.power().until() != null) {
            health.withDetail("powerUntil", info.power().until().toString());
        }
        if (held != null) {
            health.withDetail("held", held);
        }
        return health.build();
    }
}
