package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait after a failed update. The first failures wait exactly one interval (fix #316: a retry,
 * never a permanent error); from the fourth in a row the wait doubles per failure up to a cap, with ±20 %
 * jitter so many failing plugins do not retry in lockstep. Never less than one interval, never more than the cap
 * (or the interval, if that is longer).
 */
final class Backoff {

    static final int FAILURES_BEFORE_BACKOFF = 3;
    private static final double JITTER = 0.2;

    private Backoff() {
    }

    /**
     * @param consecutiveFailures failures in a row, this one included (1 or more)
     * @param interval            the plugin's update interval
     * @param cap                 the longest wait (if shorter than the interval, the interval wins)
     * @param random              uniform in [0, 1)
     */
    static Duration delay(int consecutiveFailures, Duration interval, Duration cap, DoubleSupplier random) {
        if (consecutiveFailures <= FAILURES_BEFORE_BACKOFF) {
            return interval;
        }
        int doublings = Math.min(consecutiveFailures - FAILURES_BEFORE_BACKOFF, 30);
        // In nanoseconds, as doubles: growth past the range of long is capped before it is converted back. The
        // jittered wait is rounded to whole milliseconds (readable in logs and error info), never below the interval.
        // Jitter never takes the wait past the cap: at the cap it only spreads retries downwards.
        double intervalNanos = interval.toNanos();
        long ceiling = Math.max(cap.toNanos(), interval.toNanos());
        double base = Math.min(intervalNanos * Math.pow(2, doublings), ceiling);
        double jittered = base * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        long rounded = Math.min(ceiling, Math.round(jittered / 1e6) * 1_000_000L);
        return Duration.ofNanos(Math.max(interval.toNanos(), rounded));
    }
}
