package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;

/**
 * A render over its budget drops the frame and keeps the plugin out of rotation only while that render is still
 * running; once it has returned (or if it never even started) the plugin is back.
 */
class RenderBudgetTest {

    @TempDir
    Path dataDir;

    final Clock clock = Clock.systemUTC();
    RuntimeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Renders that really began (a render abandoned before its thread ran never begins). */
    private final java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();

    private void start(Duration renderTime) {
        PluginDescriptor descriptor = new PluginDescriptor("slow", "slow", "1.0", "renders slowly",
                Duration.ofHours(1), null, null);
        PluginType type = new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                return (canvas, ctx) -> {
                    renders.incrementAndGet();
                    long end = System.nanoTime() + renderTime.toNanos();
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait(); // busy, deaf to interruption
                    }
                    canvas.setPixel(0, 0, Color.RED);
                };
            }
        };
        fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5), List.of(type));
        fixture.actions.create(new InstanceSpec("p", "slow", true, null, null, null, null));
    }

    private PluginRenderer.Result render(Duration budget) {
        return fixture.renderer.render("p", new Canvas(4, 4), new RenderContext(clock.instant(), clock.instant(), 1),
                budget);
    }

    @Test
    void aRenderAbandonedBeforeItsThreadEvenStartedDoesNotLeaveThePluginStuck() {
        start(Duration.ZERO);
        // A budget no thread can be scheduled within: the render is given up before it starts (the case of a
        // busy machine). It must not count as "still running" for ever.
        for (int i = 0; i < 2; i++) {
            assertThat(render(Duration.ofNanos(1))).isIn(PluginRenderer.Result.DROPPED, PluginRenderer.Result.RENDERED);
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.renderer.inRotation("p", Instant.now()));
        }
        assertThat(render(Duration.ofSeconds(5))).isEqualTo(PluginRenderer.Result.RENDERED);
    }

    @Test
    void aRenderThatOverrunsKeepsThePluginOutUntilItReturns() {
        start(Duration.ofSeconds(2));

        // On a busy machine the render's thread may not even start within the budget; then nothing is stuck and
        // the next call tries again. Go on until one really began (and so overran).
        int attempts = 0;
        do {
            assertThat(render(Duration.ofMillis(20))).isEqualTo(PluginRenderer.Result.DROPPED);
        } while (renders.get() == 0 && ++attempts < 50);
        assertThat(renders).hasValue(1);
        assertThat(fixture.renderer.inRotation("p", Instant.now())).isFalse();
        assertThat(render(Duration.ofMillis(20))).isEqualTo(PluginRenderer.Result.NOT_RENDERABLE);

        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.renderer.inRotation("p", Instant.now()));
        assertThat(fixture.count("p", "render", "OVERRUN")).isEqualTo(attempts + 1);
    }
}
