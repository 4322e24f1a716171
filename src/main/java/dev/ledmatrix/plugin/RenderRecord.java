package dev.ledmatrix.plugin;

import java.time.Duration;
import java.time.Instant;

/** Render failures of one instance, counted apart from update failures. Thread-safe. */
final class RenderRecord {

    private int consecutiveFailures;
    private long totalFailures;
    private Instant skippedUntil;
    private String lastError;
    private boolean stuck;

    synchronized void succeeded() {
        consecutiveFailures = 0;
    }

    /** @return true if this failure starts a cooldown */
    synchronized boolean failed(String error, Instant now, int threshold, Duration cooldown) {
        consecutiveFailures++;
        totalFailures++;
        lastError = error;
        if (consecutiveFailures >= threshold) {
            skippedUntil = now.plus(cooldown);
            consecutiveFailures = 0;
            return true;
        }
        return false;
    }

    synchronized boolean available(Instant now) {
        return !stuck && (skippedUntil == null || !now.isBefore(skippedUntil));
    }

    /** A render overran and its thread has not returned: no second render may start meanwhile. */
    synchronized void stuck(boolean value) {
        stuck = value;
    }

    synchronized void reset() {
        consecutiveFailures = 0;
        skippedUntil = null;
    }

    synchronized RenderStatus status() {
        return new RenderStatus(consecutiveFailures, totalFailures, skippedUntil, lastError, stuck);
    }
}
