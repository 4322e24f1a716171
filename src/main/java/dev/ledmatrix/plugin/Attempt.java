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
    private volatile Future<?> timeoutTask;

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

    /**
     * The task that will time this attempt out. Cancelled as soon as the thread ends, so finished attempts do
     * not pile up in the timer queue for a whole timeout; registering it after the end cancels it at once.
     */
    void timeoutTask(Future<?> task) {
        this.timeoutTask = task;
        if (ended) {
            task.cancel(false);
        }
    }

    void markEnded() {
        ended = true;
        Future<?> task = timeoutTask;
        if (task != null) {
            task.cancel(false);
        }
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
