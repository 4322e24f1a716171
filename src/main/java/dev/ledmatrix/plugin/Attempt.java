package dev.ledmatrix.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One update attempt. Exactly one party settles it (the update finishing, its timeout, or a disable), and that
 * party alone records the outcome; the thread may live on after a timeout until it notices the interruption.
 */
final class Attempt {

    final Instant startedAt;
    final Duration timeout;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean ended;
    private volatile Future<?> future;
    private volatile boolean hungReported;

    Attempt(Instant startedAt, Duration timeout) {
        this.startedAt = startedAt;
        this.timeout = timeout;
    }

    /** @return true for the one caller that gets to record the outcome */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean settled() {
        return settled.get();
    }

    void started(Future<?> f) {
        this.future = f;
    }

    /** Cancels with interruption; a no-op once the update has finished. */
    void interrupt() {
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
    }

    void markEnded() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    Instant deadline() {
        return startedAt.plus(timeout);
    }

    boolean hungReported() {
        return hungReported;
    }

    void markHungReported() {
        hungReported = true;
    }
}
