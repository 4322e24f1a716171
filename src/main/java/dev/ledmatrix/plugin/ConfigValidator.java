package dev.ledmatrix.plugin;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.ledmatrix.plugin.spi.PluginType;
import tools.jackson.databind.JsonNode;

/** Checks instance configs against their type's JSON Schema (draft 2020-12), listing every violation. */
@Component
class ConfigValidator {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final ConcurrentHashMap<PluginType, Schema> schemas = new ConcurrentHashMap<>();

    List<ConfigViolation> validate(PluginType type, JsonNode config) {
        if (config == null || !config.isObject()) {
            return List.of(new ConfigViolation("config", "must be a JSON object"));
        }
        Schema schema = schemas.computeIfAbsent(type, t -> registry.getSchema(t.descriptor().configSchema()));
        return schema.validate(config).stream().map(ConfigValidator::violation).toList();
    }

    private static ConfigViolation violation(Error error) {
        // The location comes as a JSON Pointer ("/headers/x") or a JSON Path ("$.headers.x"); name it as a path.
        String location = error.getInstanceLocation().toString().replaceFirst("^\\$", "").replace('/', '.');
        String field = "config" + (location.isEmpty() || location.startsWith(".") ? location : "." + location);
        if (error.getProperty() != null && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword()))) {
            field = field + "." + error.getProperty();
        }
        String message = error.getMessage();
        // The library prefixes messages with the location; the field already says where.
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        return new ConfigViolation(field, message);
    }
}
