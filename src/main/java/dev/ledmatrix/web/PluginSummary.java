package dev.ledmatrix.web;

import java.time.Instant;

import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.StateInfo;

/** One line of {@code GET /api/v1/plugins}. */
record PluginSummary(String id, String type, String name, boolean enabled, PluginState state, Instant lastUpdate,
        Instant lastDisplay, ErrorInfo errorInfo) {

    static PluginSummary of(String id, StateInfo info) {
        return new PluginSummary(id, null, null, info.enabled(), info.state(), info.lastUpdate(), info.lastDisplay(),
                info.errorInfo());
    }
}
