package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A configured plugin instance, as persisted and as the API shows it. Null durations mean "the type's
 * default" (or the scheduler's default timeout).
 *
 * @param id              matches {@code [a-z0-9][a-z0-9-]{0,62}}
 * @param type            the plugin type id
 * @param enabled         whether the user wants it running
 * @param updateInterval  how often update() runs
 * @param updateTimeout   how long one update may take
 * @param displayDuration how long it stays on screen in rotation
 * @param config          the type-specific config, a JSON object
 */
public record InstanceSpec(String id, String type, boolean enabled, Duration updateInterval, Duration updateTimeout,
        Duration displayDuration, JsonNode config) {

    public InstanceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        config = config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy();
    }

    public InstanceSpec withEnabled(boolean value) {
        return new InstanceSpec(id, type, value, updateInterval, updateTimeout, displayDuration, config);
    }

    public InstanceSpec withConfig(JsonNode value) {
        return new InstanceSpec(id, type, enabled, updateInterval, updateTimeout, displayDuration, value);
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }
}
