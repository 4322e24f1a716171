package dev.ledmatrix.state;

import java.time.Instant;

/**
 * Everything known about one plugin's state at one instant: the seed's get_state_info, read as a
 * single consistent snapshot.
 *
 * @param stateHistoryCount transitions ever recorded, including those the bounded history dropped
 * @param hungUpdateSince   start of an update that ignored interruption and still holds its thread, if any
 */
public record StateInfo(
        PluginState state,
        boolean loaded,
        boolean enabled,
        boolean running,
        boolean error,
        boolean canExecute,
        Instant lastUpdate,
        Instant lastDisplay,
        ErrorInfo errorInfo,
        long stateHistoryCount,
        Instant hungUpdateSince) {
}
