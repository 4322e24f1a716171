package dev.ledmatrix.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task on its own virtual thread, but only once the test lets it: while held, tasks queue up, as update
 * threads do on a machine whose carriers are all busy. This is how a test makes "cancelled before its thread ran"
 * happen every time instead of once in a while.
 */
final class HeldExecutor extends AbstractExecutorService {

    private final List<Runnable> queued = new ArrayList<>();
    private boolean held = true;
    private boolean shutdown;

    @Override
    public synchronized void execute(Runnable task) {
        if (held) {
            queued.add(task);
            notifyAll();
        } else {
            Thread.ofVirtual().name("held-update").start(task);
        }
    }

    /** How many tasks wait for {@link #release}. */
    synchronized int queued() {
        return queued.size();
    }

    /** Waits until at least {@code n} tasks are queued. */
    synchronized void awaitQueued(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queued.size() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " queued tasks, have " + queued.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Starts every queued task and every later one at once. */
    synchronized void release() {
        held = false;
        for (Runnable task : queued) {
            Thread.ofVirtual().name("held-update").start(task);
        }
        queued.clear();
    }

    /** Queues later tasks again. */
    synchronized void hold() {
        held = true;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = List.copyOf(queued);
        queued.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
