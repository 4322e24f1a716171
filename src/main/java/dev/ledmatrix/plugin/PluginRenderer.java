package dev.ledmatrix.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.UpdateObserver.RenderOutcome;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Runs a plugin's render within a time budget, so no plugin can stall the panel: the render runs on a virtual
 * thread into a scratch canvas; if it throws or overruns, the frame is dropped and counted; three in a row take
 * the plugin out of rotation for a cooldown. An overrunning render keeps its scratch canvas until it returns.
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
    private final ExecutorService renders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("plugin-render-", 0).factory());
    private final ArrayBlockingQueue<Canvas> scratch = new ArrayBlockingQueue<>(4);
    /** Per plugin: whether its last rendered frame completed its cycle (SPI isCycleComplete). */
    private final ConcurrentHashMap<String, Boolean> cycles = new ConcurrentHashMap<>();

    PluginRenderer(Instances instances, PluginStateManager states, UpdateObserver observer, Clock clock) {
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
        // 0 not started, 1 rendering, 2 returned in time, 3 abandoned: decides who clears the stuck flag. A render
        // abandoned before it started (its thread was not scheduled within the budget) never runs, so only one that
        // was abandoned while rendering may leave the plugin stuck, and that one clears it when it returns.
        AtomicInteger phase = new AtomicInteger();
        Future<?> call = renders.submit(() -> {
            if (!phase.compareAndSet(0, 1)) {
                return;
            }
            try {
                plugin.render(canvas, context);
                cycles.put(pluginId, cycleComplete(plugin, context));
            } finally {
                if (!phase.compareAndSet(1, 2)) {
                    mp.render().stuck(false); // the overrun render finally returned
                }
            }
        });
        try {
            call.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            mp.render().stuck(true); // before the hand-over below, so the render's own clearing comes after it
            if (phase.compareAndSet(0, 3) || !phase.compareAndSet(1, 3)) {
                mp.render().stuck(false); // it never started, or it returned just now after all
            }
            call.cancel(true);
            return dropped(mp, RenderOutcome.OVERRUN, "render took longer than " + budget.toMillis() + " ms", start, now);
        } catch (ExecutionException e) {
            giveBack(canvas);
            return dropped(mp, RenderOutcome.FAILURE, ErrorInfo.messageOf(e.getCause()), start, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return Result.DROPPED;
        }
        target.copyFrom(canvas);
        giveBack(canvas);
        mp.render().succeeded();
        observer.renderFinished(pluginId, RenderOutcome.SUCCESS, Duration.ofNanos(System.nanoTime() - start));
        states.recordDisplay(pluginId);
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

    /** Clears render failures and cooldown, as a reset does. */
    void reset(ManagedPlugin mp) {
        mp.render().reset();
    }

    private Result dropped(ManagedPlugin mp, RenderOutcome outcome, String error, long start, Instant now) {
        observer.renderFinished(mp.id, outcome, Duration.ofNanos(System.nanoTime() - start));
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
