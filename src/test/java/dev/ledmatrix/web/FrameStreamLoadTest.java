package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Ten live viewers on the frame stream while the scrolling message changes every frame: the render loop keeps its
 * rate and every viewer gets frames. Only robust bounds are asserted here; the measured numbers are in
 * docs/benchmarks.md ("Render loop with SSE viewers", from {@link SseViewersBenchmark}).
 */
class FrameStreamLoadTest extends LiveApp {

    private static final Logger log = LoggerFactory.getLogger(FrameStreamLoadTest.class);
    static final int VIEWERS = 10;

    @Autowired
    FrameStream frameStream;

    @Test
    void tenViewersGetFramesWhileTheLoopHoldsItsRate() throws Exception {
        assertThat(send("POST", "/api/v1/display/pin", "{\"pluginId\":\"message\"}").statusCode()).isEqualTo(200);
        try (SseViewers viewers = new SseViewers(http, uri("/api/v1/display/stream"), VIEWERS)) {
            await().atMost(Duration.ofSeconds(20)).until(viewers::allReceivedFrames);
            assertThat(frameStream.viewerCount()).isEqualTo(VIEWERS);

            long[] before = viewers.frameCounts();
            long pushedBefore = getJson("/api/v1/display").path("framesPushed").asLong();
            List<Double> fps = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Thread.sleep(1000);
                fps.add(getJson("/api/v1/display").path("fps").asDouble());
            }
            long pushed = getJson("/api/v1/display").path("framesPushed").asLong() - pushedBefore;
            long[] after = viewers.frameCounts();
            long[] got = new long[VIEWERS];
            Arrays.setAll(got, i -> after[i] - before[i]);
            double averageFps = fps.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            log.info("{} viewers over 5 s: loop fps samples {}, {} frames pushed, frames per viewer {}", VIEWERS, fps,
                    pushed, Arrays.toString(got));

            assertThat(averageFps).as("render loop fps averaged over 5 s: %s", fps).isGreaterThanOrEqualTo(20);
            assertThat(pushed).as("the scrolling message changes every frame").isGreaterThan(50);
            assertThat(got).as("frames each viewer got in 5 s").doesNotContain(0L);
            for (SseViewers.Viewer viewer : viewers.viewers()) {
                assertThat(viewer.outOfOrder).hasValue(0);
                assertFrameIsThePanel(viewer.first);
            }
            // Viewers that hang up are forgotten once a write to them fails: frames keep flowing while pinned.
            viewers.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> frameStream.viewerCount() == 0);
        } finally {
            send("DELETE", "/api/v1/display/pin", null);
        }
    }

    private static void assertFrameIsThePanel(JsonNode event) throws Exception {
        assertThat(event.path("width").asInt()).isEqualTo(128);
        assertThat(event.path("height").asInt()).isEqualTo(32);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(event.path("png").asString())));
        assertThat(image.getWidth()).as("one pixel per LED").isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(32);
    }
}
