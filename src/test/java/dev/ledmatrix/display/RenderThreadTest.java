package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Frame;

/** The render loop on its own thread, in real time: a hanging plugin never stops it, and it applies brightness. */
class RenderThreadTest {

    @TempDir
    Path dataDir;

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger movingRenders = new AtomicInteger();
    DisplayFixture fx;

    @AfterEach
    void close() {
        release.countDown();
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aRenderThatNeverReturnsDoesNotStopTheLoop() throws Exception {
        fx = new DisplayFixture(dataDir, Clock.systemUTC(),
                DisplayFixture.properties(30, Duration.ofSeconds(1), Duration.ofMillis(50)),
                List.of(DisplayTestTypes.blocking("stuck", entered, release),
                        DisplayTestTypes.moving("moving", movingRenders)));
        fx.plugins.create("a", "stuck", null);
        fx.plugins.create("b", "moving", null);

        fx.loop.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the hanging render was called").isTrue();
        long frames = fx.loop.framesRendered();
        long pushes = fx.panel.pushCount();

        // Two seconds' worth of frames at 30 fps, with time to spare on a busy machine.
        await().atMost(Duration.ofSeconds(20)).until(() -> fx.loop.framesRendered() >= frames + 60);
        assertThat(release.getCount()).as("still hanging").isEqualTo(1);
        assertThat(fx.loop.alive()).isTrue();
        assertThat(fx.panel.pushCount()).isGreaterThan(pushes + 30);
        assertThat(movingRenders.get()).isGreaterThan(30);
        assertThat(fx.plugins.renders("a", "OVERRUN")).isEqualTo(1); // never called again while it hangs
    }

    @Test
    void theRenderThreadAppliesANewBrightnessAndStoppingBlanksThePanel() {
        fx = new DisplayFixture(dataDir, Clock.systemUTC(),
                DisplayFixture.properties(30, Duration.ofSeconds(1), Duration.ofMillis(50)),
                List.of(DisplayTestTypes.moving("moving", movingRenders)));
        fx.plugins.create("a", "moving", null);
        fx.loop.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.panel.pushCount() > 5);

        fx.display.setBrightness(25);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.panel.brightness() == 25);

        fx.loop.stop();
        assertThat(fx.loop.alive()).isFalse();
        assertThat(fx.panel.lastFrame()).contains(Frame.black(DisplayFixture.WIDTH, DisplayFixture.HEIGHT));
    }
}
