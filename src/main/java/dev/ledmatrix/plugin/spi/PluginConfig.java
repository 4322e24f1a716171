package dev.ledmatrix.plugin.spi;

import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An instance's config: a JSON object already validated against the type's schema, with typed getters that
 * fall back to a default when a field is absent.
 */
public final class PluginConfig {

    private final JsonNode json;

    private PluginConfig(JsonNode json) {
        this.json = json;
    }

    public static PluginConfig of(JsonNode json) {
        Objects.requireNonNull(json, "json");
        if (!json.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object, got " + json.getNodeType());
        }
        return new PluginConfig(json.deepCopy());
    }

    public static PluginConfig empty() {
        return new PluginConfig(JsonNodeFactory.instance.objectNode());
    }

    public String string(String field, String defaultValue) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? defaultValue : node.asString();
    }

    public int integer(String field, int defaultValue) {
        JsonNode node = json.get(field);
        return node == null || !node.isNumber() ? defaultValue : node.intValue();
    }

    public double number(String field, double defaultValue) {
        JsonNode node = json.get(field);
        return node == null || !node.isNumber() ? defaultValue : node.doubleValue();
    }

    public boolean bool(String field, boolean defaultValue) {
        JsonNode node = json.get(field);
        return node == null || !node.isBoolean() ? defaultValue : node.booleanValue();
    }

    public boolean has(String field) {
        JsonNode node = json.get(field);
        return node != null && !node.isNull();
    }

    /** A copy of the whole config. */
    public JsonNode json() {
        return json.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PluginConfig c && c.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
