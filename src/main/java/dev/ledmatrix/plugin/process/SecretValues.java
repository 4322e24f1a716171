package dev.ledmatrix.plugin.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secret values of one instance's config (fields its schema marks {@code "x-secret": true}, at any depth,
 * including every value of an object whose {@code additionalProperties} is secret), and their masking in text a
 * plugin writes to its log. Longest first, so a secret that contains another is masked whole.
 */
final class SecretValues {

    static final String MASK = "••••••";
    static final SecretValues NONE = new SecretValues(List.of());

    private final List<String> values;

    private SecretValues(List<String> values) {
        this.values = values;
    }

    static SecretValues of(String schemaText, JsonNode config, JsonMapper json) {
        if (schemaText == null || config == null) {
            return NONE;
        }
        List<String> found = new ArrayList<>();
        collect(json.readTree(schemaText), config, false, found);
        found.sort(Comparator.comparingInt(String::length).reversed());
        return found.isEmpty() ? NONE : new SecretValues(List.copyOf(found));
    }

    private static void collect(JsonNode schema, JsonNode value, boolean secret, List<String> out) {
        if (value == null || value.isNull()) {
            return;
        }
        boolean here = secret || (schema != null && schema.path("x-secret").asBoolean(false));
        if (value.isObject()) {
            JsonNode properties = schema == null ? null : schema.get("properties");
            JsonNode additional = schema == null ? null : schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode sub = properties != null && properties.has(field.getKey()) ? properties.get(field.getKey())
                        : additional != null && additional.isObject() ? additional : null;
                collect(sub, field.getValue(), here, out);
            }
        } else if (value.isArray()) {
            JsonNode items = schema == null ? null : schema.get("items");
            for (JsonNode item : value) {
                collect(items, item, here, out);
            }
        } else if (here) {
            String text = value.asString();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
    }

    String mask(String text) {
        String result = text;
        for (String secret : values) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
