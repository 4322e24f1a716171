package dev.ledmatrix.web;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.plugin.RenderStatus;
import dev.ledmatrix.plugin.UpdateStatus;
import dev.ledmatrix.state.StateInfo;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/plugins/{id}}: the instance, its state info (the fields of {@code /state}, inline), and how
 * its updates and renders are going. Durations are seconds; those in effect are shown, the configured ones are
 * null when the default applies.
 */
record PluginDetails(String id, String type, String name, boolean enabled, Duration updateInterval,
        Duration updateTimeout, Duration displayDuration, JsonNode config, @JsonUnwrapped StateInfo stateInfo,
        UpdateStatus updates, RenderStatus renders) {

    static PluginDetails of(PluginView view, Duration displayDuration) {
        return new PluginDetails(view.id(), view.spec().type(), view.typeName(), view.spec().enabled(),
                view.updateInterval(), view.updateTimeout(), displayDuration, view.spec().config(), view.state(),
                view.updates(), view.renders());
    }
}
