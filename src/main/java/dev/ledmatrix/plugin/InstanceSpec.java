package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A configured plugin instance, as persisted and as the API shows it. Null durations mean "the type's
 * default" (or the scheduler's default timeout).
 *
 * @param id                 matches {@code [a-z0-9][a-z0-9-]{0,62}}
 * @param type               the plugin type id
 * @param enabled            whether the user wants it running
 * @param updateInterval     how often update() runs
 * @param updateTimeout      how long one update may take
 * @param displayDuration    how long it stays on screen in rotation
 * @param config             the type-specific config, a JSON object
 * @param activeWindows      when it may be shown (in the display's time zone); empty: always
 * @param livePriority       whether its live content (SPI {@code hasLiveContent}) interrupts the rotation
 * @param maxDisplayDuration how long it may stay on screen to complete its cycle; null: the default (180 s)
 */
public record InstanceSpec(String id, String type, boolean enabled, Duration updateInterval, Duration updateTimeout,
        Duration displayDuration, JsonNode config, List<TimeWindow> activeWindows, boolean livePriority,
        Duration maxDisplayDuration) {

    /** LEDMatrix's cap on dynamic durations, kept as the default. */
    public static final Duration DEFAULT_MAX_DISPLAY_DURATION = Duration.ofSeconds(180);

    public InstanceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        config = config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy();
        activeWindows = activeWindows == null ? List.of() : List.copyOf(activeWindows);
    }

    /** An instance with no display windows, no live priority and the default cap. */
    public InstanceSpec(String id, String type, boolean enabled, Duration updateInterval, Duration updateTimeout,
            Duration displayDuration, JsonNode config) {
        this(id, type, enabled, updateInterval, updateTimeout, displayDuration, config, List.of(), false, null);
    }

    public InstanceSpec withEnabled(boolean value) {
        return new InstanceSpec(id, type, value, updateInterval, updateTimeout, displayDuration, config,
                activeWindows, livePriority, maxDisplayDuration);
    }

    public InstanceSpec withConfig(JsonNode value) {
        return new InstanceSpec(id, type, enabled, updateInterval, updateTimeout, displayDuration, value,
                activeWindows, livePriority, maxDisplayDuration);
    }

    /** The cap in effect. */
    public Duration effectiveMaxDisplayDuration() {
        return maxDisplayDuration != null && maxDisplayDuration.isPositive() ? maxDisplayDuration
                : DEFAULT_MAX_DISPLAY_DURATION;
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }
}
