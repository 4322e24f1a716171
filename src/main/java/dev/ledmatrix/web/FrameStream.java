package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.graphics.Frame;

/**
 * Streams the display's frames to SSE viewers, latest frame wins: the render thread only records the newest frame
 * and wakes the viewers' virtual threads; each viewer sends whatever is newest when it is ready, so a slow viewer
 * skips frames instead of slowing the render loop. Each frame is PNG-encoded once, by the first viewer that needs it.
 */
@Component
class FrameStream implements DisposableBean, SmartLifecycle {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** One event: {@code event: frame}. */
    record FrameEvent(long seq, int width, int height, String png) {
    }

    private record Numbered(Frame frame, long seq) {
    }

    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private final AutoCloseable subscription;
    private volatile boolean running;
    private volatile Numbered latest;
    private volatile FrameEvent encoded;

    FrameStream(DisplayService display) {
        this.latest = new Numbered(display.currentFrame(), 0);
        this.subscription = display.subscribe(this::onFrame);
    }

    SseEmitter connect() {
        SseEmitter emitter = new SseEmitter(0L);
        Viewer viewer = new Viewer(emitter);
        viewers.add(viewer);
        emitter.onCompletion(viewer::close);
        emitter.onTimeout(viewer::close);
        emitter.onError(e -> viewer.close());
        // Known to the render thread's wake-ups before it runs, so no new frame can slip past a parked viewer.
        viewer.thread = Thread.ofVirtual().name("sse-frame-viewer").unstarted(viewer::run);
        viewer.thread.start();
        return emitter;
    }

    int viewerCount() {
        return viewers.size();
    }

    private void onFrame(Frame frame, long seq) {
        latest = new Numbered(frame, seq);
        for (Viewer viewer : viewers) {
            LockSupport.unpark(viewer.thread);
        }
    }

    private FrameEvent encode(Numbered n) {
        FrameEvent e = encoded;
        if (e != null && e.seq() == n.seq()) {
            return e;
        }
        synchronized (this) {
            e = encoded;
            if (e == null || e.seq() != n.seq()) {
                e = new FrameEvent(n.seq(), n.frame().width(), n.frame().height(),
                        Base64.getEncoder().encodeToString(n.frame().toPng(1)));
                encoded = e;
            }
            return e;
        }
    }

    /**
     * Ends every stream as shutdown begins, before the web server's graceful shutdown, which would otherwise wait
     * for these never-ending responses until its timeout.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        viewers.forEach(Viewer::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() throws Exception {
        subscription.close();
        viewers.forEach(Viewer::close);
    }

    private final class Viewer {
        final SseEmitter emitter;
        volatile Thread thread;
        volatile boolean closed;

        Viewer(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void run() {
            long sent = -1;
            long lastSend = System.nanoTime();
            try {
                while (!closed) {
                    Numbered n = latest;
                    if (n.seq() != sent) {
                        FrameEvent event = encode(n);
                        emitter.send(SseEmitter.event().name("frame").id(Long.toString(event.seq())).data(event));
                        sent = n.seq();
                        lastSend = System.nanoTime();
                    } else if (System.nanoTime() - lastSend >= HEARTBEAT.toNanos()) {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                        lastSend = System.nanoTime();
                    } else {
                        LockSupport.parkNanos(HEARTBEAT.toNanos());
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // the viewer went away
            } finally {
                close();
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                viewers.remove(this);
                LockSupport.unpark(thread);
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // already completed
                }
            }
        }
    }
}
