package dev.ledmatrix.plugin;

import java.time.Duration;

/**
 * Told how each update and render went, for metrics. Implementations must be quick and never throw.
 */
public interface UpdateObserver {

    enum UpdateOutcome { SUCCESS, FAILURE, TIMEOUT }

    enum RenderOutcome { SUCCESS, FAILURE, OVERRUN }

    void updateFinished(String pluginId, UpdateOutcome outcome, Duration duration);

    void renderFinished(String pluginId, RenderOutcome outcome, Duration duration);

    /** An instance is gone: forget its meters. */
    default void pluginRemoved(String pluginId) {
    }
}
