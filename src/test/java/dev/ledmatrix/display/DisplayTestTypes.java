package dev.ledmatrix.display;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;

/** Plugin types whose render behaves in one chosen way, for the display tests. */
final class DisplayTestTypes {

    private DisplayTestTypes() {
    }

    /** A type whose instances all render with {@code render}; {@code typeDefault} null means none. */
    static PluginType type(String typeId, Duration typeDefault, BiConsumer<Canvas, RenderContext> render) {
        PluginDescriptor descriptor = new PluginDescriptor(typeId, typeId, "1.0", "display test type " + typeId,
                Duration.ofHours(1), typeDefault, null);
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                return (canvas, ctx) -> render.accept(canvas, ctx);
            }
        };
    }

    /** The same picture every frame. */
    static PluginType still(String typeId, Duration typeDefault) {
        return type(typeId, typeDefault, (canvas, ctx) -> canvas.fill(Color.BLUE));
    }

    /** A different picture every frame (a pixel walks with the frame number), counting its renders. */
    static PluginType moving(String typeId, AtomicInteger renders) {
        return type(typeId, null, (canvas, ctx) -> {
            renders.incrementAndGet();
            int n = (int) (ctx.frameNumber() % (canvas.width() * canvas.height()));
            canvas.setPixel(n % canvas.width(), n / canvas.width(), Color.WHITE);
        });
    }

    static PluginType throwing(String typeId) {
        return type(typeId, null, (canvas, ctx) -> {
            throw new IllegalStateException("render bug");
        });
    }

    /** A render that never returns until {@code release} opens, not even when interrupted. */
    static PluginType blocking(String typeId, CountDownLatch entered, CountDownLatch release) {
        return type(typeId, null, (canvas, ctx) -> {
            entered.countDown();
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true; // deliberately ignored: this plugin misbehaves
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A type whose constructor fails: its instances are in ERROR and never renderable. */
    static PluginType broken(String typeId) {
        PluginDescriptor descriptor = new PluginDescriptor(typeId, typeId, "1.0", "broken", Duration.ofHours(1),
                null, null);
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                throw new IllegalStateException("cannot be built");
            }
        };
    }
}
