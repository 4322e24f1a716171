package dev.ledmatrix.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.ledmatrix.state.StateInfo;

/** {@code GET /api/v1/plugins/{id}}: the instance with its state info. */
record PluginDetails(String id, @JsonUnwrapped StateInfo stateInfo) {
}
