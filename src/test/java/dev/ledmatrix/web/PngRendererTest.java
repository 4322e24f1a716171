package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.graphics.Frame;

/**
 * The PNG budget, forced deterministically: an encoding held in progress by a latch fills the one encoder, so the
 * next image is refused at once with a Retry-After; requests for the image being encoded share it; a frame and
 * scale are encoded once; a refusal is not remembered.
 */
class PngRendererTest {

    static final WebProperties ONE_AT_A_TIME = new WebProperties(64, Duration.ofMinutes(30), 1, 4_194_304);

    @Test
    void aSecondEncodingWhileTheOnlyEncoderIsBusyIs503AndIsNotRemembered() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger encodings = new AtomicInteger();
        PngRenderer png = new PngRenderer(ONE_AT_A_TIME, (frame, scale) -> {
            encodings.incrementAndGet();
            if (scale == 8) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new byte[] {(byte) (int) scale};
        });
        try {
            Frame frame = Frame.black(4, 2);
            CompletableFuture<byte[]> slow = CompletableFuture.supplyAsync(() -> png.render(frame, 8));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // The encoder is busy: another scale is refused, not queued.
            assertThatThrownBy(() -> png.render(frame, 2)).isInstanceOf(LoadShedException.class)
                    .satisfies(e -> assertThat(((LoadShedException) e).retryAfter()).isPositive());
            // The same frame and scale joins the encoding in progress instead of needing an encoder.
            CompletableFuture<byte[]> joined = CompletableFuture.supplyAsync(() -> png.render(frame, 8));
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isSameAs(joined.get(10, TimeUnit.SECONDS));
            // Not remembered as refused: with the encoder free, it is encoded.
            assertThat(png.render(frame, 2)).containsExactly(2);
            assertThat(encodings.get()).isEqualTo(2);
        } finally {
            png.destroy();
        }
    }

    @Test
    void eachFrameAndScaleIsEncodedOnceAndOnlyTheCurrentFrameIsKept() {
        AtomicInteger encodings = new AtomicInteger();
        PngRenderer png = new PngRenderer(ONE_AT_A_TIME, (frame, scale) -> {
            encodings.incrementAndGet();
            return frame.toPng(scale);
        });
        try {
            Frame a = Frame.black(8, 4);
            byte[] first = png.render(a, 4);
            assertThat(png.render(a, 4)).isSameAs(first);
            assertThat(png.encode(a, 4)).isSameAs(first);
            png.render(a, 2);
            assertThat(encodings.get()).isEqualTo(2);
            Frame b = Frame.black(8, 4);
            png.render(b, 4);
            png.render(a, 4); // a is no longer the current frame: encoded again
            assertThat(encodings.get()).isEqualTo(4);
        } finally {
            png.destroy();
        }
    }

    @Test
    void thePixelBudgetNamesTheLargestScaleThatFits() {
        PngRenderer png = new PngRenderer(new WebProperties(64, Duration.ofMinutes(30), 2, 1024 * 1024));
        try {
            Frame wide = Frame.black(128, 32);
            assertThat(png.checkBudget(wide, 16)).isNull(); // 2048 × 512 = 1 Mpx
            assertThat(png.checkBudget(wide, 17)).contains("largest scale here is 16");
            assertThat(png.checkBudget(Frame.black(512, 64), 8)).contains("4096 px a side").contains("is 5");
        } finally {
            png.destroy();
        }
    }
}
