package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;

/** Plugin types whose updates behave in one chosen way, and that count what happened to them. */
final class TestTypes {

    private TestTypes() {
    }

    /** What an update does. */
    @FunctionalInterface
    interface Behaviour {
        void update(UpdateContext context) throws Exception;
    }

    /** Counts calls, concurrent calls and interruptions of one plugin's updates. */
    static final class Probe {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();
        final AtomicInteger renders = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
    }

    static PluginType type(String id, Duration interval, Probe probe, Behaviour behaviour) {
        return type(id, interval, probe, ctx -> behaviour);
    }

    static PluginType type(String id, Duration interval, Probe probe, Function<PluginContext, Behaviour> factory) {
        PluginDescriptor descriptor = new PluginDescriptor(id, id, "1.0", "test type " + id, interval, null,
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":10}},"
                        + "\"additionalProperties\":false}");
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                Behaviour behaviour = factory.apply(context);
                return new Plugin() {
                    @Override
                    public void update(UpdateContext ctx) throws Exception {
                        probe.calls.incrementAndGet();
                        int now = probe.running.incrementAndGet();
                        probe.maxConcurrent.accumulateAndGet(now, Math::max);
                        try {
                            behaviour.update(ctx);
                        } catch (InterruptedException e) {
                            probe.interrupted.incrementAndGet();
                            throw e;
                        } finally {
                            probe.running.decrementAndGet();
                        }
                    }

                    @Override
                    public void render(Canvas canvas, RenderContext context) {
                        probe.renders.incrementAndGet();
                        canvas.setPixel(0, 0, Color.RED);
                    }
                };
            }
        };
    }

    static final Behaviour SUCCEED = ctx -> { };

    static final Behaviour THROW = ctx -> {
        throw new IllegalStateException("upstream said no");
    };

    static final Behaviour THROW_ERROR = ctx -> {
        throw new AssertionError("plugin bug");
    };

    static Behaviour sleep(Duration d) {
        return ctx -> Thread.sleep(d);
    }

    /** Spins, swallowing interruption, until the probe is released. */
    static Behaviour ignoreInterruption(Probe probe) {
        return ctx -> {
            while (probe.release.getCount() > 0) {
                try {
                    probe.release.await();
                } catch (InterruptedException e) {
                    probe.interrupted.incrementAndGet();
                    // deliberately ignored: this plugin misbehaves
                }
            }
        };
    }
}
