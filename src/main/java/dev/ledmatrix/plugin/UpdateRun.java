package dev.ledmatrix.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.UpdateContext;

/**
 * One update of one plugin, from its reservation until its worker thread is done with the plugin's code. Its
 * supervisor (see {@link UpdateSupervisor}) is the only party that records an outcome; everyone else may only
 * {@link #stop} it. Two one-way gates make every race safe:
 * <ul>
 * <li>{@code result} is completed exactly once: by the worker (returned or threw), by the supervisor's timeout,
 * or by a stop. Whoever completes it first decides the outcome; the others' completion is ignored.</li>
 * <li>{@code phase} decides whether the plugin's code runs at all: a run stopped or timed out before its worker
 * began never calls {@code update}, so it is over at once, however late the worker thread gets to run.</li>
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
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final AtomicInteger phase = new AtomicInteger(NEW);
    /** Counted down once the plugin's code has returned, or once it is certain never to run. */
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Thread worker;

    UpdateRun(String id, Instant startedAt, Duration timeout, long startNanos) {
        this.id = id;
        this.startedAt = startedAt;
        this.timeout = timeout;
        this.deadlineNanos = startNanos + timeout.toNanos();
    }

    Instant deadline() {
        return startedAt.plus(timeout);
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    CompletableFuture<Void> result() {
        return result;
    }

    /** The worker thread's body. */
    void work(Plugin plugin, UpdateContext context) {
        worker = Thread.currentThread();
        if (!phase.compareAndSet(NEW, RUNNING)) {
            return; // stopped or timed out before it began: the plugin's code never runs
        }
        try {
            plugin.update(context);
            result.complete(null);
        } catch (Throwable t) {
            result.completeExceptionally(t);
        } finally {
            phase.set(DONE);
            ended.countDown();
        }
    }

    /** By a lifecycle action: settles the run as stopped (unless it already ended) and interrupts its code. */
    void stop() {
        result.cancel(false);
        interrupt();
    }

    /**
     * By the supervisor once the deadline has passed or the result is in: decides the outcome. If the result is not
     * in yet, the timeout wins and the plugin's code is interrupted (or prevented from ever starting).
     */
    Outcome settle() {
        if (result.completeExceptionally(new TimeoutException())) {
            return new Outcome.Timeout(!interrupt());
        }
        try {
            result.join();
            return new Outcome.Success();
        } catch (CancellationException e) {
            return new Outcome.Stopped();
        } catch (CompletionException e) {
            return new Outcome.Failure(e.getCause());
        }
    }

    /** @return true if the plugin's code never ran and never will */
    private boolean interrupt() {
        if (phase.compareAndSet(NEW, NEVER)) {
            ended.countDown();
            return true;
        }
        Thread w = worker;
        if (w != null && phase.get() == RUNNING) {
            w.interrupt();
        }
        return false;
    }

    /** Whether the plugin's code has returned (or will never run). */
    boolean ended() {
        return ended.getCount() == 0;
    }

    boolean awaitEnd(long nanos) throws InterruptedException {
        return ended.await(nanos, TimeUnit.NANOSECONDS);
    }

    void awaitEnd() throws InterruptedException {
        ended.await();
    }
}
