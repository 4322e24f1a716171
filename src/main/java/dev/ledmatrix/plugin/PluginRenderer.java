package dev.ledmatrix.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.UpdateObserver.RenderOutcome;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Runs a plugin's render within a time budget, so no plugin can stall the panel: the render runs on a platform
 * thread into a scratch canvas; if it throws or overruns, the frame is dropped (the panel keeps the last one).
 * Throwing, or overrunning by the plugin's own time ({@link RenderCall}: its CPU time or its own blocking, not a
 * busy host), counts as a failure; three in a row take the plugin out of rotation for a cooldown. An overrunning
 * render keeps its scratch canvas until it returns.
 */
@Component
public class PluginRenderer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginRenderer.class);
    static final int FAILURES_BEFORE_COOLDOWN = 3;
    static final Duration COOLDOWN = Duration.ofSeconds(30);

    /** What became of one render call. */
    public enum Result {
        /** The target canvas holds the new frame. */
        RENDERED,
        /** It threw or overran; the target canvas is unchanged. */
        DROPPED,
        /** It may not render now (not enabled, an update is running, cooling down, or unknown). */
        NOT_RENDERABLE
    }

    private final Instances instances;
    private final PluginStateManager states;
    private final UpdateObserver observer;
    private final Clock clock;
    /**
     * Platform threads, so that a render's CPU time can be measured and busy virtual-thread carriers cannot delay
     * it; kept for reuse. One per render at a time, plus one per overrun render still running (at most one per
     * plugin, since a stuck plugin is out of rotation), so the pool is bounded by the number of plugins.
     */
    private final ThreadPoolExecutor renders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().name("plugin-render-", 0).daemon().factory());
    private final ToLongFunction<Thread> cpu;
    private final PluginSecrets secrets;
    private final ArrayBlockingQueue<Canvas> scratch = new ArrayBlockingQueue<>(4);
    /** Per plugin: whether its last rendered frame completed its cycle (SPI isCycleComplete). */
    private final ConcurrentHashMap<String, Boolean> cycles = new ConcurrentHashMap<>();

    @Autowired
    PluginRenderer(Instances instances, PluginStateManager states, UpdateObserver observer, Clock clock,
            PluginSecrets secrets) {
        this(instances, states, observer, clock, secrets, RenderCall.THREAD_CPU);
    }

    /** For tests: {@code cpu} tells a thread's CPU time in nanoseconds. */
    PluginRenderer(Instances instances, PluginStateManager states, UpdateObserver observer, Clock clock,
            PluginSecrets secrets, ToLongFunction<Thread> cpu) {
        this.cpu = cpu;
        this.secrets = secrets;
        this.instances = instances;
        this.states = states;
        this.observer = observer;
        this.clock = clock;
    }

    /**
     * Whether the plugin belongs in rotation now: enabled (an update may be running), not cooling down after
     * failed renders, no overrun render still busy.
     */
    public boolean inRotation(String pluginId, Instant now) {
        ManagedPlugin mp = instances.get(pluginId);
        if (mp == null || mp.plugin() == null) {
            return false;
        }
        PluginState state = states.getState(pluginId);
        return (state == PluginState.ENABLED || state == PluginState.RUNNING) && mp.render().available(now);
    }

    /**
     * Renders one frame of the plugin into {@code target}, waiting at most {@code budget}. Only an ENABLED
     * plugin renders; while its update runs, the caller keeps showing what it had.
     */
    public Result render(String pluginId, Canvas target, RenderContext context, Duration budget) {
        ManagedPlugin mp = instances.get(pluginId);
        Plugin plugin = mp == null ? null : mp.plugin();
        Instant now = clock.instant();
        if (plugin == null || !states.canExecute(pluginId) || !mp.render().available(now)) {
            return Result.NOT_RENDERABLE;
        }
        Canvas canvas = takeScratch(target);
        long start = System.nanoTime();
        long budgetNanos = budget.toNanos();
        RenderCall call = new RenderCall(() -> {
            plugin.render(canvas, context);
            cycles.put(pluginId, cycleComplete(plugin, context));
        }, cpu, late -> lateReturn(mp, late, budget));
        Future<?> result;
        try {
            result = renders.submit(call);
        } catch (RejectedExecutionException e) {
            return Result.NOT_RENDERABLE; // shutting down
        }
        try {
            result.get(budgetNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Result overrun = overran(mp, call, result, budget, start, now);
            if (overrun != null) {
                return overrun;
            }
        } catch (ExecutionException e) {
            giveBack(canvas);
            // What is shown and logged holds no secret of the config.
            return dropped(mp, RenderOutcome.FAILURE, secrets.maskText(mp.spec(), ErrorInfo.messageOf(e.getCause())),
                    start, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.budgetPassed();
            return Result.DROPPED;
        }
        target.copyFrom(canvas);
        giveBack(canvas);
        mp.render().succeeded();
        if (instances.get(pluginId) == mp) { // a render that ended after a delete leaves no meters behind
            observer.renderFinished(pluginId, RenderOutcome.SUCCESS, Duration.ofNanos(System.nanoTime() - start));
        }
        states.recordDisplay(pluginId); // conditional: never brings a deleted plugin back
        return Result.RENDERED;
    }

    /** Whether the plugin's last rendered frame completed its cycle; true when it never rendered. */
    public boolean cycleComplete(String pluginId) {
        return cycles.getOrDefault(pluginId, Boolean.TRUE);
    }

    private static boolean cycleComplete(Plugin plugin, RenderContext context) {
        try {
            return plugin.isCycleComplete(context);
        } catch (RuntimeException e) {
            return true; // a broken answer must not hold the screen
        }
    }

    /**
     * The budget passed: the frame is dropped (the panel keeps the last one), but it counts as the plugin's failure
     * only if the time was the plugin's own (see {@link RenderCall}); a render the host kept from running is not.
     */
    private Result overran(ManagedPlugin mp, RenderCall call, Future<?> result, Duration budget, long start,
            Instant now) {
        mp.render().stuck(true); // before the hand-over below, so the render's own clearing comes after it
        RenderCall.AtBudget at = call.budgetPassed();
        if (at == RenderCall.AtBudget.RETURNED) {
            mp.render().stuck(false);
            try {
                result.get(); // it returned on the edge: its frame is complete, use it (or its exception)
                return null;
            } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
                return dropped(mp, RenderOutcome.FAILURE, secrets.maskText(mp.spec(),
                        ErrorInfo.messageOf(e.getCause() == null ? e : e.getCause())),
                        start, now);
            }
        }
        // Judged before the interruption below, which would wake a render that blocks.
        boolean pluginsFault = at == RenderCall.AtBudget.ABANDONED && call.pluginsFault(budget.toNanos());
        if (at == RenderCall.AtBudget.NOT_STARTED) {
            mp.render().stuck(false);
        } else {
            result.cancel(true); // interrupt it; it keeps its scratch canvas until it returns
        }
        String error = "render took longer than " + budget.toMillis() + " ms";
        if (pluginsFault) {
            return dropped(mp, RenderOutcome.OVERRUN, error, start, now);
        }
        // The host kept the render from running (its thread had not started, or it was ready but got no CPU): drop
        // the frame without holding it against the plugin. If it turns out to use its budget after all, the late
        // return counts it then.
        if (instances.get(mp.id) == mp) {
            observer.renderFinished(mp.id, RenderOutcome.OVERRUN, Duration.ofNanos(System.nanoTime() - start));
        }
        call.chargeOnReturn(at == RenderCall.AtBudget.ABANDONED);
        return Result.DROPPED;
    }

    /** An abandoned render returned: the plugin may render again; charged now if its CPU time exceeded the budget. */
    private void lateReturn(ManagedPlugin mp, RenderCall call, Duration budget) {
        if (call.chargeOnReturn() && call.pluginsFault(budget.toNanos())
                && mp.render().failed("render took longer than " + budget.toMillis() + " ms of its own time",
                        clock.instant(), FAILURES_BEFORE_COOLDOWN, COOLDOWN)) {
            log.warn("Plugin {} failed to render {} times in a row; out of rotation for {} s", mp.id,
                    FAILURES_BEFORE_COOLDOWN, COOLDOWN.toSeconds());
        }
        mp.render().stuck(false);
    }

    /** Clears render failures and cooldown, as a reset does. */
    void reset(ManagedPlugin mp) {
        mp.render().reset();
    }

    private Result dropped(ManagedPlugin mp, RenderOutcome outcome, String error, long start, Instant now) {
        if (instances.get(mp.id) == mp) {
            observer.renderFinished(mp.id, outcome, Duration.ofNanos(System.nanoTime() - start));
        }
        if (mp.render().failed(error, now, FAILURES_BEFORE_COOLDOWN, COOLDOWN)) {
            log.warn("Plugin {} failed to render {} times in a row ({}); out of rotation for {} s", mp.id,
                    FAILURES_BEFORE_COOLDOWN, error, COOLDOWN.toSeconds());
        }
        return Result.DROPPED;
    }

    private Canvas takeScratch(Canvas like) {
        Canvas c = scratch.poll();
        if (c == null || c.width() != like.width() || c.height() != like.height()) {
            c = new Canvas(like.width(), like.height());
        }
        c.clear();
        return c;
    }

    private void giveBack(Canvas c) {
        scratch.offer(c);
    }

    @Override
    public void destroy() {
        renders.shutdownNow();
    }
}
