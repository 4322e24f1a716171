package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;

/**
 * A plugin type that checks what {@link Plugin}'s Javadoc promises its plugins (no update on a plugin once its
 * onDisable or close began, no hook while its update runs) and lets a test stop a hook or a render half-way.
 * Its config is {@code {"n": integer}}; it never applies a config live, so a config change rebuilds it.
 */
final class HookedType {

    final String id;
    final Duration interval;
    final List<String> violations = new CopyOnWriteArrayList<>();
    /** Update calls over every plugin object of this type. */
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger renders = new AtomicInteger();
    /** What updates do; swap it at any time. */
    volatile TestTypes.Behaviour behaviour = TestTypes.SUCCEED;
    /** When set, onDisable counts {@link #disableEntered} down and waits for this latch. */
    volatile CountDownLatch disableGate;
    final CountDownLatch disableEntered = new CountDownLatch(1);
    /** When set, render counts {@link #renderEntered} down and waits for this latch. */
    volatile CountDownLatch renderGate;
    final CountDownLatch renderEntered = new CountDownLatch(1);
    /** Plugin's Javadoc: a hook may overlap an update only once that update ignored interruption past the grace. */
    volatile boolean hooksMayOverlapHungUpdates;
    /** Updates that ignore interruption release here. */
    final CountDownLatch release = new CountDownLatch(1);

    HookedType(String id, Duration interval) {
        this.id = id;
        this.interval = interval;
    }

    /** Updates that ignore interruption until {@link #release} opens. */
    TestTypes.Behaviour hang() {
        hooksMayOverlapHungUpdates = true;
        return ctx -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // deliberately deaf
                }
            }
        };
    }

    PluginType type() {
        PluginDescriptor descriptor = new PluginDescriptor(id, id, "1.0", "hooked test type", interval, null,
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"additionalProperties\":false}");
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                return new Hooked();
            }
        };
    }

    private final class Hooked implements Plugin {
        private volatile boolean disabled;
        private volatile boolean closed;
        private final AtomicInteger inUpdate = new AtomicInteger();

        @Override
        public void update(UpdateContext context) throws Exception {
            calls.incrementAndGet();
            if (disabled || closed) {
                violations.add("update on a plugin after its " + (closed ? "close" : "onDisable"));
            }
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            inUpdate.incrementAndGet();
            try {
                behaviour.update(context);
            } finally {
                inUpdate.decrementAndGet();
                running.decrementAndGet();
            }
        }

        @Override
        public void render(Canvas canvas, RenderContext context) {
            renders.incrementAndGet();
            CountDownLatch gate = renderGate;
            if (gate != null) {
                renderEntered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            canvas.setPixel(0, 0, Color.RED);
        }

        @Override
        public void onEnable() {
            disabled = false;
        }

        @Override
        public void onDisable() throws InterruptedException {
            disabled = true;
            if (inUpdate.get() > 0 && !hooksMayOverlapHungUpdates) {
                violations.add("onDisable while an update runs");
            }
            CountDownLatch gate = disableGate;
            if (gate != null) {
                disableEntered.countDown();
                gate.await();
            }
        }

        @Override
        public void close() {
            closed = true;
            if (inUpdate.get() > 0 && !hooksMayOverlapHungUpdates) {
                violations.add("close while an update runs");
            }
        }
    }
}
