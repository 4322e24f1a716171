package dev.ledmatrix.web;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.plugin.RenderStatus;
import dev.ledmatrix.plugin.TimeWindow;
import dev.ledmatrix.plugin.UpdateStatus;
import dev.ledmatrix.state.StateInfo;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/plugins/{id}}: the instance, its state info (the fields of {@code /state}, inline), and how
 * its updates and renders are going, and when and how it is shown (display windows, live priority, the cap on a
 * turn held for its cycle). Durations are seconds; those in effect are shown, the configured ones are
 * null when the default applies.
 *
 * <p>{@code enabled} is the instance's own flag (what the user asked for, as in the create request and the list);
 * the state info's {@code enabled} (state is exactly {@code enabled}) is left out here, as it would be a second
 * {@code enabled} key in the same object. {@code state} and {@code canExecute} say the same, and
 * {@code /state} has it.
 */
record PluginDetails(String id, String type, String name, boolean enabled, Duration updateInterval,
        Duration updateTimeout, Duration displayDuration, JsonNode config,
        @JsonUnwrapped @JsonIgnoreProperties("enabled") StateInfo stateInfo,
        UpdateStatus updates, RenderStatus renders, List<TimeWindow> activeWindows, boolean livePriority,
        Duration maxDisplayDuration) {

    static PluginDetails of(PluginView view, Duration displayDuration) {
        return new PluginDetails(view.id(), view.spec().type(), view.typeName(), view.spec().enabled(),
                view.updateInterval(), view.updateTimeout(), displayDuration, view.spec().config(), view.state(),
                view.updates(), view.renders(), view.spec().activeWindows(), view.spec().livePriority(),
                view.spec().effectiveMaxDisplayDuration());
    }
}
