package dev.ledmatrix.web;

import dev.ledmatrix.state.PluginState;

/**
 * Answer to a lifecycle action: what was done and the state afterwards.
 *
 * @param pluginId the instance
 * @param action   enable, disable, update, reset or reload
 * @param changed  false when the action was already in effect (repeating it is not an error)
 * @param state    the state right after the action
 * @param message  what happened, in words
 */
record ActionResult(String pluginId, String action, boolean changed, PluginState state, String message) {
}
