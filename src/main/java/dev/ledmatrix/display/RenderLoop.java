package dev.ledmatrix.display;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.ledmatrix.display.panel.Panel;
import dev.ledmatrix.display.panel.PanelProperties;
import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Frame;
import dev.ledmatrix.plugin.LiveContent;
import dev.ledmatrix.plugin.PluginRenderer;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.spi.RenderContext;

/**
 * The render loop: on its own platform thread at {@code ledmatrix.display.fps}, it asks the {@link ScreenPlanner}
 * what is on screen (black, a notification or a plugin), has the plugin render within its budget, and pushes the
 * frame to the panel unless it is identical to the last one.
 * Every panel call happens on this thread, so the panel needs no locking. A plugin that fails or overruns loses
 * its frame, never the loop.
 */
@Component
class RenderLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RenderLoop.class);

    private final Panel panel;
    private final PluginRuntime runtime;
    private final PluginRenderer renderer;
    private final DisplayProperties properties;
    private final Clock clock;
    private final DisplaySettings settings;
    private final ScreenPlanner planner = new ScreenPlanner();
    private final Notifications notifications = new Notifications();
    private final NotificationPainter painter;
    private final Lineup lineup;
    private final Canvas canvas;
    private final Frame black;
    private final FrameRate frameRate = new FrameRate();
    private final List<FrameListener> listeners = new CopyOnWriteArrayList<>();

    private volatile Thread thread;
    private volatile boolean running;
    private volatile Pin pin;
    private volatile int requestedBrightness;
    private volatile Frame lastFrame;
    private volatile ScreenState screen;
    private volatile long frames;
    private volatile long pushes;
    private volatile long pushNanos;

    RenderLoop(Panel panel, PluginRuntime runtime, PluginRenderer renderer, DisplayProperties properties,
            BrightnessStore brightness, Clock clock, PanelProperties panelProperties, DisplaySettings settings,
            LiveContent liveContent) {
        this.panel = panel;
        this.settings = settings;
        this.painter = new NotificationPainter(panel.width(), panel.height());
        this.lineup = new RuntimeLineup(runtime, renderer, liveContent, settings, properties.defaultDuration());
        this.runtime = runtime;
        this.renderer = renderer;
        this.properties = properties;
        this.clock = clock;
        this.canvas = new Canvas(panel.width(), panel.height());
        this.black = Frame.black(panel.width(), panel.height());
        this.requestedBrightness = brightness.load().orElse(panelProperties.brightness());
    }

    @Override
    public void start() {
        running = true;
        Thread t = Thread.ofPlatform().name("render-loop").daemon(false).unstarted(this::loop);
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
        log.info("Render loop started: {}×{} on the {} panel at {} fps", panel.width(), panel.height(),
                panel.backend(), properties.fps());
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            panel.push(black); // blank the panel on the way out
        } catch (RuntimeException e) {
            log.debug("Could not blank the panel: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PluginRuntime.PHASE + 1;
    }

    // --- what the display service reads and sets ------------------------------------------------

    boolean alive() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    void pin(Pin value) {
        this.pin = value;
    }

    Pin pin() {
        Pin p = pin;
        return p != null && p.activeAt(clock.instant()) ? p : null;
    }

    void brightness(int percent) {
        this.requestedBrightness = percent;
    }

    int brightness() {
        return requestedBrightness;
    }

    Frame lastFrame() {
        Frame f = lastFrame;
        return f == null ? black : f;
    }

    String current() {
        ScreenState s = screen;
        return s == null ? null : s.pluginId();
    }

    /** What the last frame showed and why, or null before the first frame. */
    ScreenState screen() {
        return screen;
    }

    Notifications notifications() {
        return notifications;
    }

    NotificationPainter painter() {
        return painter;
    }

    double measuredFps() {
        return frameRate.perSecond(System.nanoTime());
    }

    /** Loop iterations so far (frames rendered or attempted, pushed or not). */
    long framesRendered() {
        return frames;
    }

    long framesPushed() {
        return pushes;
    }

    double pushSeconds() {
        return pushNanos / 1e9;
    }

    AutoCloseable subscribe(FrameListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // --- the loop -------------------------------------------------------------------------------

    private void loop() {
        long period = 1_000_000_000L / properties.fps();
        long next = System.nanoTime();
        applyBrightness(settings.power(clock.instant(), requestedBrightness).brightness());
        while (running) {
            try {
                frame();
            } catch (RuntimeException | LinkageError e) {
                log.error("Render loop iteration failed; going on", e);
            }
            frameRate.tick(System.nanoTime());
            next += period;
            long now = System.nanoTime();
            if (next < now - period) {
                next = now; // fell behind: carry on at the rate, no burst of catch-up frames
            }
            LockSupport.parkNanos(next - now);
            if (Thread.interrupted() && !running) {
                return;
            }
        }
    }

    /** One frame: decide, render, push if changed. Package-private so tests can step the loop frame by frame. */
    void frame() {
        Instant now = clock.instant();
        PowerPlan.State power = settings.power(now, requestedBrightness);
        if (panel.brightness() != power.brightness()) {
            applyBrightness(power.brightness());
        }
        ScreenState decided = planner.decide(now, power, pin, notifications, painter::length, lineup);
        screen = decided;
        frames++;
        if (decided.notification() != null) {
            painter.paint(canvas, decided.notification(), decided.since(), now);
            if (!canvas.matches(lastFrame)) {
                show(canvas.snapshot());
            }
            return;
        }
        String id = decided.pluginId();
        if (id == null) {
            show(black);
            return;
        }
        RenderContext context = new RenderContext(now, decided.since(), frames);
        if (renderer.render(id, canvas, context, properties.renderBudget()) == PluginRenderer.Result.RENDERED
                && !canvas.matches(lastFrame)) {
            show(canvas.snapshot());
        }
    }


    private void show(Frame frame) {
        if (frame.equals(lastFrame)) {
            return;
        }
        long start = System.nanoTime();
        panel.push(frame);
        pushNanos += System.nanoTime() - start;
        pushes++;
        lastFrame = frame;
        for (FrameListener listener : listeners) {
            try {
                listener.onFrame(frame, pushes);
            } catch (RuntimeException e) {
                log.warn("Frame listener failed: {}", e.toString());
            }
        }
    }

    private void applyBrightness(int percent) {
        // The panel redraws what it shows with the new brightness itself (Panel.setBrightness): pushing the
        // same frame again here would be a second redraw and a second wait for vsync.
        panel.setBrightness(percent);
    }

}
