package dev.ledmatrix.plugin;

import java.time.Duration;

import dev.ledmatrix.state.StateInfo;

/**
 * Everything known about one instance at one moment, for the API, health and metrics.
 *
 * @param spec           what the user configured
 * @param typeName       the type's human name, or null when the type is unknown
 * @param state          the state manager's snapshot
 * @param updates        how updates are going
 * @param renders        how renders are going
 * @param updateInterval the interval in effect (instance or type default)
 * @param updateTimeout  the timeout in effect (instance or scheduler default)
 */
public record PluginView(InstanceSpec spec, String typeName, StateInfo state, UpdateStatus updates,
        RenderStatus renders, Duration updateInterval, Duration updateTimeout) {

    public String id() {
        return spec.id();
    }
}
