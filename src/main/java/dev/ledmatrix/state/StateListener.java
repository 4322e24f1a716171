package dev.ledmatrix.state;

/**
 * Told of every transition, in order per plugin. Called while the plugin's state is locked, so it
 * must only hand the event on (enqueue it) and never block or call back into the manager.
 */
@FunctionalInterface
public interface StateListener {

    void onTransition(String pluginId, StateTransition transition);
}
