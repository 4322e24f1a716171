package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

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
 * Whose fault an overrun render is. The frame is always dropped at the wall-clock budget; only the plugin's own
 * time (CPU its thread used, or its own blocking) counts toward the three-in-a-row cooldown, never a host that kept
 * the render from running.
 */
class RenderFaultTest {

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

    private void start(Consumer<Canvas> render) {
        PluginDescriptor descriptor = new PluginDescriptor("r", "r", "1.0", "renders", Duration.ofHours(1), null,
                null);
        PluginType type = new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                return (canvas, ctx) -> render.accept(canvas);
            }
        };
        fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5), List.of(type));
        fixture.actions.create(new InstanceSpec("p", "r", true, null, null, null, null));
    }

    private PluginRenderer.Result render(PluginRenderer renderer, Duration budget) {
        return renderer.render("p", new Canvas(4, 4), new RenderContext(clock.instant(), clock.instant(), 1), budget);
    }

    /** Renders {@code n} times, each time once the previous one has returned. */
    private void renderTimes(PluginRenderer renderer, int n, Duration budget) {
        for (int i = 0; i < n; i++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.runtime.get("p").renders().stuck());
            if (fixture.runtime.get("p").renders().skippedUntil() != null) {
                return;
            }
            render(renderer, budget);
        }
    }

    @Test
    void rendersTheHostKeptFromRunningInTimeAreDroppedButNotHeldAgainstThePlugin() {
        start(canvas -> canvas.setPixel(0, 0, Color.RED));
        // A budget no thread can meet: every frame is dropped, as when the host is saturated. Mostly the render's
        // thread has not even started when the budget passes; when it has, the (starved) CPU clock says it got no
        // CPU, so neither way is the plugin's fault (with a real CPU clock, 1 ns of CPU would be).
        PluginRenderer saturated = renderer(t -> 0L);
        try {
            renderTimes(saturated, 6, Duration.ofNanos(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> saturated.inRotation("p", Instant.now()));
            assertThat(fixture.runtime.get("p").renders().skippedUntil()).isNull();
            assertThat(fixture.runtime.get("p").renders().consecutiveFailures()).isZero();
            assertThat(render(saturated, Duration.ofSeconds(5))).isEqualTo(PluginRenderer.Result.RENDERED);
        } finally {
            saturated.destroy();
        }
    }

    @Test
    void aRenderReadyToRunButStarvedOfCpuIsNotHeldAgainstThePlugin() {
        start(canvas -> spin(Duration.ofMillis(100)));
        // The CPU clock says the render's thread never got the CPU: it was ready to run, the host was busy.
        PluginRenderer starved = renderer(t -> 0L);
        try {
            renderTimes(starved, 4, Duration.ofMillis(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.runtime.get("p").renders().stuck());
            assertThat(fixture.runtime.get("p").renders().skippedUntil()).isNull();
            assertThat(fixture.runtime.get("p").renders().totalFailures()).isZero();
        } finally {
            starved.destroy();
        }
    }

    /** A renderer of the fixture's plugins whose render threads' CPU time is what {@code cpu} says. */
    private PluginRenderer renderer(ToLongFunction<Thread> cpu) {
        UpdateObserver quiet = new UpdateObserver() {
            @Override
            public void updateFinished(String pluginId, UpdateOutcome outcome, Duration duration) {
            }

            @Override
            public void renderFinished(String pluginId, RenderOutcome outcome, Duration duration) {
            }
        };
        return new PluginRenderer(fixture.instances, fixture.states, quiet, clock,
                new PluginSecrets(fixture.types, fixture.instances), cpu);
    }

    @Test
    void aRenderThatSpendsItsBudgetOnTheCpuCountsAndThreeInARowCoolItDown() {
        start(canvas -> spin(Duration.ofMillis(150)));
        renderTimes(fixture.renderer, 3, Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.runtime.get("p").renders().skippedUntil() != null);
        assertThat(fixture.renderer.inRotation("p", Instant.now())).isFalse();
    }

    @Test
    void aRenderThatBlocksCountsAndThreeInARowCoolItDown() {
        start(canvas -> {
            try {
                Thread.sleep(150); // its own doing: a render must not block
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        renderTimes(fixture.renderer, 3, Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.runtime.get("p").renders().skippedUntil() != null);
    }

    private static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
