package dev.ledmatrix.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One update of one plugin, from its reservation until it is over. Three one-way gates make every race safe:
 * <ul>
 * <li>{@link #settle}: the outcome is decided exactly once, by whoever comes first: the worker (returned or threw),
 * the deadline, or a stop. Only that party records it (see {@link UpdateSupervisor}).</li>
 * <li>{@code phase} decides whether the plugin's code runs at all: a run stopped or timed out before its worker
 * began never calls {@code update}, so its code is over at once, however late the worker thread gets to run.</li>
 * <li>Two arrivals, "settled and recorded" and "the plugin's code is over", whichever order they come in; the
 * second calls {@code over}, which frees the id. Each arrives exactly once whatever interleaves, so no plugin can be
 * left with a run that never ends, and the next update never starts before the last outcome is recorded.</li>
 * </ul>
 */
final class UpdateRun {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int NEVER = 2;
    private static final int DONE = 3;

    /** What became of a run. */
    sealed interface Outcome {
        record Success() implements Outcome { }

        record Failure(Throwable error) implements Outcome { }

        /** Interrupted at its deadline; {@code began}: whether its plugin code had started at all. */
        record Timeout(boolean began) implements Outcome { }

        /** Stopped by a lifecycle action (or the service stopping): not the plugin's doing, nothing to record. */
        record Stopped() implements Outcome { }
    }

    final String id;
    final Instant startedAt;
    final Duration timeout;
    private final long deadlineNanos;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final AtomicInteger phase = new AtomicInteger(NEW);
    /** Counted down once the plugin's code has returned, or once it is certain never to run. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicInteger arrivals = new AtomicInteger(2);
    private final Consumer<UpdateRun> over;
    private volatile Future<?> deadline;
    /** Guarded by this: interrupting it and leaving RUNNING never interleave. */
    private Thread worker;
    /** Guarded by this. */
    private boolean hungReported;

    UpdateRun(String id, Instant startedAt, Duration timeout, long startNanos, Consumer<UpdateRun> over) {
        this.id = id;
        this.startedAt = startedAt;
        this.timeout = timeout;
        this.deadlineNanos = startNanos + timeout.toNanos();
        this.over = over;
    }

    Instant deadline() {
        return startedAt.plus(timeout);
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** The pending deadline task, dropped once the worker's own result settles the run. */
    void deadlineTask(Future<?> task) {
        deadline = task;
    }

    void cancelDeadline() {
        Future<?> task = deadline;
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Decides the outcome if nobody has yet; true if {@code value} is it, so the caller must record it. */
    boolean settle(Outcome value) {
        return outcome.compareAndSet(null, value);
    }

    /** By the worker thread: true if the plugin's code may run (the run was neither stopped nor timed out yet). */
    boolean begin() {
        synchronized (this) {
            worker = Thread.currentThread();
        }
        return phase.compareAndSet(NEW, RUNNING);
    }

    /**
     * By the worker thread once the plugin's code has returned: no interruption can land after this (its flag is
     * cleared), so recording the outcome on this thread is never disturbed.
     *
     * @return whether the run had been reported hung, so the report must be taken back
     */
    boolean returned() {
        synchronized (this) {
            phase.set(DONE);
            worker = null;
            Thread.interrupted();
            ended.countDown();
            return hungReported;
        }
    }

    /**
     * Interrupts the plugin's code, or makes sure it never runs (then the code is over at once, and this arrives
     * for it).
     *
     * @return true if the plugin's code had begun
     */
    boolean interrupt() {
        if (phase.compareAndSet(NEW, NEVER)) {
            ended.countDown();
            arrive();
            return false;
        }
        synchronized (this) {
            if (phase.get() == RUNNING && worker != null) {
                worker.interrupt();
            }
        }
        return phase.get() != NEVER;
    }

    /** Runs {@code report} and remembers it, unless the plugin's code has already returned; atomic with that. */
    synchronized boolean reportHung(Runnable report) {
        if (ended()) {
            return false;
        }
        hungReported = true;
        report.run();
        return true;
    }

    /** One of the two arrivals; the second makes the run over. */
    void arrive() {
        if (arrivals.decrementAndGet() == 0) {
            over.accept(this);
        }
    }

    /** Whether the plugin's code has returned (or will never run). */
    boolean ended() {
        return ended.getCount() == 0;
    }

    boolean awaitEnd(long nanos) throws InterruptedException {
        return ended.await(nanos, TimeUnit.NANOSECONDS);
    }
}
