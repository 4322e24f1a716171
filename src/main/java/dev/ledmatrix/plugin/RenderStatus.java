package dev.ledmatrix.plugin;

import java.time.Instant;

/**
 * How an instance's renders are going, apart from its updates.
 *
 * @param consecutiveFailures failed or overrun renders in a row
 * @param totalFailures       failed or overrun renders since start
 * @param skippedUntil        out of rotation until then after repeated failures, if so
 * @param lastError           what the last failure was
 * @param stuck               a render overran and has not returned yet
 */
public record RenderStatus(int consecutiveFailures, long totalFailures, Instant skippedUntil, String lastError,
        boolean stuck) {
}
