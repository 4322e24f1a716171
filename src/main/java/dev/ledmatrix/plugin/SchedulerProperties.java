package dev.ledmatrix.plugin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * {@code ledmatrix.scheduler.*}: how updates are found, bounded and retried.
 *
 * @param tick                 how often due updates are looked for
 * @param defaultUpdateTimeout per-update timeout unless the instance sets one
 * @param maxBackoff           the cap of the exponential wait after repeated failures
 * @param maxHungUpdates       how many updates that ignore interruption may hold their threads at once; past it,
 *                             updates that would need a new thread are not started (their error info says why)
 */
@Validated
@ConfigurationProperties("ledmatrix.scheduler")
public record SchedulerProperties(
        @DefaultValue("250ms") Duration tick,
        @DefaultValue("30s") Duration defaultUpdateTimeout,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("16") int maxHungUpdates) {

    @AssertTrue(message = "must be between 10ms and 1m")
    boolean isTickValid() {
        return tick != null && tick.compareTo(Duration.ofMillis(10)) >= 0 && tick.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "must be positive")
    boolean isDefaultUpdateTimeoutValid() {
        return defaultUpdateTimeout != null && defaultUpdateTimeout.isPositive();
    }

    @AssertTrue(message = "must be 1 or more")
    boolean isMaxHungUpdatesValid() {
        return maxHungUpdates >= 1;
    }

    @AssertTrue(message = "must be positive")
    boolean isMaxBackoffValid() {
        return maxBackoff != null && maxBackoff.isPositive();
    }
}
