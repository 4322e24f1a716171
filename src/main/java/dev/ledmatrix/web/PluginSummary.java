package dev.ledmatrix.web;

import java.time.Instant;

import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;

/** One line of {@code GET /api/v1/plugins}. */
record PluginSummary(String id, String type, String name, boolean enabled, PluginState state, Instant lastUpdate,
        Instant lastDisplay, ErrorInfo errorInfo) {

    static PluginSummary of(PluginView view) {
        return new PluginSummary(view.id(), view.spec().type(), view.typeName(), view.spec().enabled(),
                view.state().state(), view.state().lastUpdate(), view.state().lastDisplay(), view.state().errorInfo());
    }
}
