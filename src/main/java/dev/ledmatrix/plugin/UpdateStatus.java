package dev.ledmatrix.plugin;

import java.time.Instant;

/**
 * How an instance's updates are going.
 *
 * @param consecutiveFailures failed updates in a row
 * @param nextAttemptAt       when the next update is due (null: as soon as it is enabled)
 * @param runningSince        start of the update thread still alive, if any
 * @param hungSince           start of an update that ignored interruption and still holds its thread, if any
 */
public record UpdateStatus(int consecutiveFailures, Instant nextAttemptAt, Instant runningSince, Instant hungSince) {
}
