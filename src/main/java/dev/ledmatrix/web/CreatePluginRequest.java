package dev.ledmatrix.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.TimeWindow;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/plugins}. Durations are seconds; omitted ones use the type's defaults. The display
 * fields ({@code activeWindows}, {@code livePriority}, {@code maxDisplayDuration}) are checked as PATCH checks them.
 */
record CreatePluginRequest(String id, String type, Boolean enabled, Duration updateInterval, Duration updateTimeout,
        Duration displayDuration, JsonNode config, List<TimeWindow> activeWindows, Boolean livePriority,
        Duration maxDisplayDuration) {

    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofDays(7);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    static final Duration MIN_DISPLAY = Duration.ofSeconds(1);
    static final Duration MAX_DISPLAY = Duration.ofDays(1);

    /** Checks every field, listing all that are wrong at once. */
    InstanceSpec toSpec() {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (id == null) {
            errors.add(new ApiProblem.FieldError("id", "is required"));
        } else if (!id.matches(PluginIds.PATTERN)) {
            errors.add(new ApiProblem.FieldError("id", "must match " + PluginIds.PATTERN + ", got '" + id + "'"));
        }
        if (type == null || type.isBlank()) {
            errors.add(new ApiProblem.FieldError("type", "is required (see GET /api/v1/plugin-types)"));
        }
        range(errors, "updateInterval", updateInterval, MIN_INTERVAL, MAX_INTERVAL);
        range(errors, "updateTimeout", updateTimeout, MIN_TIMEOUT, MAX_TIMEOUT);
        range(errors, "displayDuration", displayDuration, MIN_DISPLAY, MAX_DISPLAY);
        if (config != null && !config.isObject()) {
            errors.add(new ApiProblem.FieldError("config", "must be a JSON object"));
        }
        range(errors, "maxDisplayDuration", maxDisplayDuration, PluginPatch.MIN_CAP, PluginPatch.MAX_CAP);
        List<TimeWindow> windows = activeWindows == null ? List.of() : activeWindows;
        int before = errors.size();
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i) == null) {
                errors.add(new ApiProblem.FieldError("activeWindows[" + i + "]", "must be a window object"));
            } else {
                windows.get(i).violations("activeWindows[" + i + "]")
                        .forEach(v -> errors.add(new ApiProblem.FieldError(v.field(), v.message())));
            }
        }
        if (errors.size() == before) {
            TimeWindow.overlaps(windows, "activeWindows")
                    .forEach(v -> errors.add(new ApiProblem.FieldError(v.field(), v.message())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new InstanceSpec(id, type, enabled == null || enabled, updateInterval, updateTimeout, displayDuration,
                config, windows, Boolean.TRUE.equals(livePriority), maxDisplayDuration);
    }

    private static void range(List<ApiProblem.FieldError> errors, String field, Duration value, Duration min,
            Duration max) {
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            errors.add(new ApiProblem.FieldError(field, "must be between " + seconds(min) + " and " + seconds(max)
                    + " seconds, got " + seconds(value)));
        }
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
