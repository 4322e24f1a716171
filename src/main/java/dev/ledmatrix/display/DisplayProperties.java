package dev.ledmatrix.display;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code ledmatrix.display.*}: the render loop and the rotation.
 *
 * @param fps             target frame rate of the render loop
 * @param defaultDuration how long a plugin stays on screen in rotation unless it or its type says otherwise
 * @param renderBudget    how long one render may take before its frame is dropped
 * @param rotationOrder   plugin ids shown first, in this order; the others follow by id
 */
@Validated
@ConfigurationProperties("ledmatrix.display")
public record DisplayProperties(
        @DefaultValue("30") @Min(1) @Max(120) int fps,
        @DefaultValue("15s") @NotNull Duration defaultDuration,
        @DefaultValue("100ms") @NotNull Duration renderBudget,
        @DefaultValue({}) List<String> rotationOrder) {

    public DisplayProperties {
        rotationOrder = rotationOrder == null ? List.of() : List.copyOf(rotationOrder);
    }

    @AssertTrue(message = "must be between 1s and 1d")
    boolean isDefaultDurationValid() {
        return defaultDuration == null
                || (defaultDuration.compareTo(Duration.ofSeconds(1)) >= 0 && defaultDuration.compareTo(Duration.ofDays(1)) <= 0);
    }

    @AssertTrue(message = "must be between 1ms and 10s")
    boolean isRenderBudgetValid() {
        return renderBudget == null
                || (renderBudget.compareTo(Duration.ofMillis(1)) >= 0 && renderBudget.compareTo(Duration.ofSeconds(10)) <= 0);
    }
}
