package dev.ledmatrix.state;

import java.time.Instant;

/**
 * One recorded state change.
 *
 * @param seq       monotonic across all plugins, so an event stream and the history agree on order
 * @param timestamp when the change was made
 * @param from      the state before
 * @param to        the state after
 * @param error     the message of the error that caused it, if any
 */
public record StateTransition(long seq, Instant timestamp, PluginState from, PluginState to, String error) {
}
