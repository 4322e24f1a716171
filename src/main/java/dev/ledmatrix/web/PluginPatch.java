package dev.ledmatrix.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ledmatrix.plugin.ConfigViolation;
import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.TimeWindow;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code PATCH /api/v1/plugins/{id}}: only the fields present change; {@code null} puts a field back to its
 * default. Read from the JSON tree rather than bound to a record, because "left out" and "null" mean different
 * things here. Every mistake is listed at once, each by its field.
 */
final class PluginPatch {

    static final Set<String> FIELDS = Set.of("updateInterval", "updateTimeout", "displayDuration", "activeWindows",
            "livePriority", "maxDisplayDuration");
    static final Duration MIN_CAP = Duration.ofSeconds(1);
    static final Duration MAX_CAP = Duration.ofHours(1);
    private static final Set<String> WINDOW_FIELDS = Set.of("days", "from", "to");

    private final JsonNode body;
    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    private PluginPatch(JsonNode body) {
        this.body = body;
    }

    /** Checks the body; the result applies it to a spec. */
    static java.util.function.UnaryOperator<InstanceSpec> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object with the fields to change: " + FIELDS);
        }
        return new PluginPatch(body).check();
    }

    private java.util.function.UnaryOperator<InstanceSpec> check() {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!FIELDS.contains(e.getKey())) {
                errors.add(new ApiProblem.FieldError(e.getKey(), switch (e.getKey()) {
                    case "config" -> "is changed with PUT /api/v1/plugins/{id}/config";
                    case "enabled" -> "is changed with POST /api/v1/plugins/{id}/enable or /disable";
                    default -> "is not a field PATCH can change; it changes " + FIELDS.stream().sorted().toList();
                }));
            }
        }
        Duration interval = duration("updateInterval", CreatePluginRequest.MIN_INTERVAL, CreatePluginRequest.MAX_INTERVAL);
        Duration timeout = duration("updateTimeout", CreatePluginRequest.MIN_TIMEOUT, CreatePluginRequest.MAX_TIMEOUT);
        Duration display = duration("displayDuration", CreatePluginRequest.MIN_DISPLAY, CreatePluginRequest.MAX_DISPLAY);
        Duration cap = duration("maxDisplayDuration", MIN_CAP, MAX_CAP);
        List<TimeWindow> windows = windows();
        Boolean live = null;
        if (body.has("livePriority")) {
            JsonNode node = body.get("livePriority");
            if (node.isNull()) {
                live = false;
            } else if (node.isBoolean()) {
                live = node.booleanValue();
            } else {
                errors.add(new ApiProblem.FieldError("livePriority", "must be true or false"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Boolean livePriority = live;
        return spec -> new InstanceSpec(spec.id(), spec.type(), spec.enabled(),
                body.has("updateInterval") ? interval : spec.updateInterval(),
                body.has("updateTimeout") ? timeout : spec.updateTimeout(),
                body.has("displayDuration") ? display : spec.displayDuration(),
                spec.config(),
                body.has("activeWindows") ? windows : spec.activeWindows(),
                livePriority != null ? livePriority : spec.livePriority(),
                body.has("maxDisplayDuration") ? cap : spec.maxDisplayDuration());
    }

    private Duration duration(String field, Duration min, Duration max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new ApiProblem.FieldError(field, "must be a number of seconds, or null for the default"));
            return null;
        }
        BigDecimal seconds = node.decimalValue();
        if (seconds.compareTo(seconds(min)) < 0 || seconds.compareTo(seconds(max)) > 0) {
            errors.add(new ApiProblem.FieldError(field, "must be between " + seconds(min).toPlainString() + " and "
                    + seconds(max).toPlainString() + " seconds, got " + seconds.toPlainString()));
            return null;
        }
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros();
    }

    private List<TimeWindow> windows() {
        JsonNode node = body.get("activeWindows");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new ApiProblem.FieldError("activeWindows", "must be an array of windows "
                    + "{\"days\":[\"mon\",...],\"from\":\"HH:MM\",\"to\":\"HH:MM\"}, or null for always"));
            return List.of();
        }
        List<TimeWindow> windows = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            String path = "activeWindows[" + i + "]";
            JsonNode w = node.get(i);
            if (!w.isObject()) {
                errors.add(new ApiProblem.FieldError(path, "must be a window object"));
                continue;
            }
            for (Map.Entry<String, JsonNode> e : w.properties()) {
                if (!WINDOW_FIELDS.contains(e.getKey())) {
                    errors.add(new ApiProblem.FieldError(path + "." + e.getKey(), "is not a known field (days, from, to)"));
                }
            }
            List<String> days = null;
            JsonNode d = w.get("days");
            if (d != null && !d.isNull()) {
                if (!d.isArray()) {
                    errors.add(new ApiProblem.FieldError(path + ".days", "must be an array such as [\"mon\",\"tue\"]"));
                    continue;
                }
                days = new ArrayList<>();
                for (JsonNode day : d) {
                    days.add(day.isString() ? day.stringValue() : day.toString());
                }
            }
            TimeWindow window = new TimeWindow(days, text(w, "from", path), text(w, "to", path));
            add(window.violations(path));
            windows.add(window);
        }
        if (errors.size() == before) {
            add(TimeWindow.overlaps(windows, "activeWindows"));
        }
        return windows;
    }

    private String text(JsonNode window, String field, String path) {
        JsonNode node = window.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new ApiProblem.FieldError(path + "." + field, "must be a string HH:MM"));
            return "";
        }
        return node.stringValue();
    }

    private void add(List<ConfigViolation> violations) {
        violations.forEach(v -> errors.add(new ApiProblem.FieldError(v.field(), v.message())));
    }
}
