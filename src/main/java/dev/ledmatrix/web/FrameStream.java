package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.locks.LockSupport;

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
class FrameStream extends SseStream {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** One event: {@code event: frame}. */
    record FrameEvent(long seq, int width, int height, String png) {
    }

    private record Numbered(Frame frame, long seq) {
    }

    private final PngRenderer png;
    private volatile Numbered latest;
    private volatile FrameEvent encoded;

    FrameStream(DisplayService display, PngRenderer png, WebProperties web) {
        super("sse-frame-viewer", web);
        this.png = png;
        this.latest = new Numbered(display.currentFrame(), 0);
        feedBy(display.subscribe(this::onFrame));
    }

    SseEmitter connect() {
        return clients.connect(this::serve);
    }

    int viewerCount() {
        return clients.size();
    }

    private void onFrame(Frame frame, long seq) {
        latest = new Numbered(frame, seq);
        clients.forEach(viewer -> LockSupport.unpark(viewer.thread()));
    }

    /** Sends the newest frame whenever there is one the viewer has not had; a heartbeat when idle. */
    private void serve(SseClients.Client viewer) throws IOException {
        long sent = -1;
        viewer.send(SseEmitter.event().reconnectTime(SseClients.RECONNECT.toMillis()).comment("connected"));
        long lastSend = System.nanoTime();
        while (!viewer.closed()) {
            Numbered n = latest;
            if (n.seq() != sent) {
                FrameEvent event = encode(n);
                viewer.send(SseEmitter.event().name("frame").id(Long.toString(event.seq())).data(event));
                sent = n.seq();
                lastSend = System.nanoTime();
            } else if (System.nanoTime() - lastSend >= HEARTBEAT.toNanos()) {
                viewer.send(SseEmitter.event().comment("heartbeat"));
                lastSend = System.nanoTime();
            } else {
                LockSupport.parkNanos(viewer.waitNanos(HEARTBEAT.toNanos()));
            }
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
                        Base64.getEncoder().encodeToString(png.encode(n.frame(), 1)));
                encoded = e;
            }
            return e;
        }
    }
}
