package dev.ledmatrix.plugin.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin type says about itself.
 *
 * @param id                     stable type id used in instance configs, e.g. {@code clock}
 * @param name                   human name, e.g. {@code Clock}
 * @param version                the type's version
 * @param description            one sentence for the API and the page
 * @param defaultUpdateInterval  how often update() runs unless an instance says otherwise
 * @param defaultDisplayDuration how long an instance stays on screen in rotation unless it says otherwise; null
 *                               for the display's {@code ledmatrix.display.default-duration}
 * @param configSchema           JSON Schema (draft 2020-12) of the instance config, as JSON text
 */
public record PluginDescriptor(String id, String name, String version, String description,
        Duration defaultUpdateInterval, Duration defaultDisplayDuration, String configSchema) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin type id must match " + ID + ", got '" + id + "'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        description = description == null ? "" : description;
        Objects.requireNonNull(defaultUpdateInterval, "defaultUpdateInterval");
        if (defaultUpdateInterval.isNegative() || defaultUpdateInterval.isZero()) {
            throw new IllegalArgumentException("defaultUpdateInterval must be positive");
        }
        configSchema = configSchema == null ? "{\"type\":\"object\"}" : configSchema;
    }
}
