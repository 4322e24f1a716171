package dev.ledmatrix.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.ledmatrix.graphics.Frame;

/**
 * Encodes frames as PNG within a budget a Pi can afford: at most {@code ledmatrix.web.max-png-pixels} per image,
 * at most {@code ledmatrix.web.max-png-renders} encodings at once on a few platform threads (one more is refused
 * with 503, never queued behind the others), and each frame encoded once per scale: requests for the frame on
 * screen share one encoding, finished or in progress. Only the current frame's images are kept.
 */
@Component
class PngRenderer implements DisposableBean {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** A request never waits longer than this for its image; an encoding that slow means the Pi is overloaded. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private record Cached(Frame frame, Map<Integer, CompletableFuture<byte[]>> byScale) {
    }

    private final ThreadPoolExecutor encoders;
    private final Semaphore permits;
    private final int maxPixels;
    private final BiFunction<Frame, Integer, byte[]> encoder;
    private volatile Cached cache = new Cached(null, Map.of());

    @Autowired
    PngRenderer(WebProperties web) {
        this(web, Frame::toPng);
    }

    /** With another encoder, for tests that need to hold one encoding in progress. */
    PngRenderer(WebProperties web, BiFunction<Frame, Integer, byte[]> encoder) {
        this.encoder = encoder;
        this.maxPixels = web.maxPngPixels();
        // The permits, not the queue, bound the work: with every permit taken a new request is refused at once.
        this.permits = new Semaphore(web.maxPngRenders());
        this.encoders = new ThreadPoolExecutor(web.maxPngRenders(), web.maxPngRenders(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("png-encoder-", 0).daemon().factory());
        this.encoders.allowCoreThreadTimeOut(true);
    }

    /** Null when {@code frame} at {@code scale} fits the pixel budget, otherwise what is wrong, in words. */
    String checkBudget(Frame frame, int scale) {
        long pixels = (long) frame.width() * scale * frame.height() * scale;
        if (pixels <= maxPixels && Math.max(frame.width(), frame.height()) * (long) scale <= Frame.MAX_PNG_SIDE) {
            return null;
        }
        int largest = 1;
        while (largest < Frame.MAX_PNG_SCALE && (long) frame.width() * (largest + 1) * frame.height() * (largest + 1)
                <= maxPixels && Math.max(frame.width(), frame.height()) * (long) (largest + 1) <= Frame.MAX_PNG_SIDE) {
            largest++;
        }
        return "is too large for a " + frame.width() + "×" + frame.height() + " display: the image may have at most "
                + maxPixels + " pixels (ledmatrix.web.max-png-pixels) and " + Frame.MAX_PNG_SIDE
                + " px a side, so the largest scale here is " + largest;
    }

    /** The PNG of {@code frame} at {@code scale}, from the cache or encoded on the bounded executor. */
    byte[] render(Frame frame, int scale) {
        Map<Integer, CompletableFuture<byte[]>> images = cacheFor(frame).byScale();
        CompletableFuture<byte[]> image = images.computeIfAbsent(scale, s -> submit(frame, s));
        try {
            return image.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            images.remove(scale, image); // a refusal or a failure is not kept: the next request tries again
            if (e.getCause() instanceof LoadShedException shed) {
                throw shed;
            }
            throw new IllegalStateException("PNG encoding failed", e.getCause());
        }
    }

    /** The PNG of {@code frame} at {@code scale} on the caller's thread, sharing the cache (the SSE stream). */
    byte[] encode(Frame frame, int scale) {
        CompletableFuture<byte[]> image = cacheFor(frame).byScale().computeIfAbsent(scale,
                s -> CompletableFuture.completedFuture(encoder.apply(frame, s)));
        return image.join();
    }

    private CompletableFuture<byte[]> submit(Frame frame, int scale) {
        if (!permits.tryAcquire()) {
            // Refused, not cached: the next request for this image may find an encoder free.
            return CompletableFuture.failedFuture(busy());
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return encoder.apply(frame, scale);
                } finally {
                    permits.release(); // before the image is handed out, so the next request finds the permit
                }
            }, encoders);
        } catch (RejectedExecutionException e) { // shutting down
            permits.release();
            return CompletableFuture.failedFuture(busy());
        }
    }

    private Cached cacheFor(Frame frame) {
        Cached c = cache;
        if (c.frame() == frame) {
            return c;
        }
        synchronized (this) {
            c = cache;
            if (c.frame() != frame) {
                c = new Cached(frame, new ConcurrentHashMap<>());
                cache = c;
            }
            return c;
        }
    }

    private static LoadShedException busy() {
        return new LoadShedException("The service is encoding as many PNG images as it allows at once "
                + "(ledmatrix.web.max-png-renders); try again in a moment", RETRY_AFTER);
    }

    @Override
    public void destroy() {
        encoders.shutdownNow();
    }
}
