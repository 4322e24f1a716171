package dev.ledmatrix.plugin;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * One render call on a platform thread, and what it cost the plugin itself. The render loop waits for it within a
 * wall-clock budget; when the budget passes, it asks this call whose fault the overrun is. Only the plugin's own time
 * counts against it: CPU time its thread really used, or time it spent blocked (sleeping, waiting on a lock or a
 * condition: its own doing). Time its thread spent ready but not running, because the host was busy (other
 * processes, GC pauses, a burst of HTTP work), is not the plugin's, and neither is a render whose thread had not
 * even started. The JVM measures CPU time only for platform threads, which is why renders run on them.
 */
final class RenderCall implements Runnable {

    /** What the budget found. */
    enum AtBudget {
        /** its thread had not started: it never will run; the host is busy */
        NOT_STARTED,
        /** it returned just as the budget passed: treat it as in time */
        RETURNED,
        /** still running: abandoned, it clears its plugin's stuck flag when it returns */
        ABANDONED
    }

    /** CPU time of a platform thread in nanoseconds, or -1 if the JVM cannot tell. */
    static final ToLongFunction<Thread> THREAD_CPU = cpuClock();

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int RETURNED = 2;
    private static final int ABANDONED = 3;

    private final Runnable body;
    private final ToLongFunction<Thread> cpu;
    private final Consumer<RenderCall> onLateReturn;
    private volatile boolean chargeOnReturn;
    private final AtomicInteger phase = new AtomicInteger(NEW);
    private volatile Thread thread;
    private volatile long cpuStart;

    /**
     * @param onLateReturn runs on the render's thread when a call abandoned at the budget finally returns
     */
    RenderCall(Runnable body, ToLongFunction<Thread> cpu, Consumer<RenderCall> onLateReturn) {
        this.body = body;
        this.cpu = cpu;
        this.onLateReturn = onLateReturn;
    }

    @Override
    public void run() {
        Thread current = Thread.currentThread();
        cpuStart = cpu.applyAsLong(current);
        thread = current;
        if (!phase.compareAndSet(NEW, RUNNING)) {
            return; // abandoned before it started
        }
        try {
            body.run();
        } finally {
            if (!phase.compareAndSet(RUNNING, RETURNED)) {
                onLateReturn.accept(this);
            }
        }
    }

    AtBudget budgetPassed() {
        if (phase.compareAndSet(NEW, ABANDONED)) {
            return AtBudget.NOT_STARTED;
        }
        return phase.compareAndSet(RUNNING, ABANDONED) ? AtBudget.ABANDONED : AtBudget.RETURNED;
    }

    /** An overrun not held against the plugin when the budget passed is judged again by its CPU time when it returns. */
    void chargeOnReturn(boolean value) {
        chargeOnReturn = value;
    }

    boolean chargeOnReturn() {
        return chargeOnReturn;
    }

    /** CPU time the render has used so far, or -1 if unknown. */
    long cpuNanos() {
        Thread t = thread;
        long now = t == null ? -1 : cpu.applyAsLong(t);
        return now < 0 || cpuStart < 0 ? -1 : now - cpuStart;
    }

    /** Whether the render is waiting by its own doing right now (sleep, lock, condition). */
    boolean blocked() {
        Thread t = thread;
        Thread.State s = t == null ? Thread.State.NEW : t.getState();
        return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    /**
     * Whether an overrun of {@code budgetNanos} is the plugin's own doing: it is blocked, or it has used that much
     * CPU (where the JVM cannot measure CPU time, every overrun counts, as before).
     */
    boolean pluginsFault(long budgetNanos) {
        long used = cpuNanos();
        return used < 0 || used >= budgetNanos || blocked();
    }

    private static ToLongFunction<Thread> cpuClock() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isThreadCpuTimeSupported()) {
            return t -> -1;
        }
        if (!bean.isThreadCpuTimeEnabled()) {
            bean.setThreadCpuTimeEnabled(true);
        }
        return t -> t.isVirtual() ? -1 : bean.getThreadCpuTime(t.threadId());
    }
}
