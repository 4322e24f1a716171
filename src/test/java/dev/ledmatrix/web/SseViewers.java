package dev.ledmatrix.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Viewers of {@code GET /api/v1/display/stream} over real HTTP: each reads its event stream line by line on its own
 * thread and counts the {@code frame} events it gets. Used by the load test and the viewers benchmark.
 */
final class SseViewers implements AutoCloseable {

    /** One connected viewer's counts; read from any thread. */
    static final class Viewer {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        volatile long lastSeq = -1;
        volatile JsonNode first;
        volatile Stream<String> lines;
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    SseViewers(HttpClient http, URI stream, int count) {
        for (int i = 0; i < count; i++) {
            Viewer viewer = new Viewer();
            viewers.add(viewer);
            threads.add(Thread.ofVirtual().name("test-viewer-" + i).start(() -> read(http, stream, viewer)));
        }
    }

    private void read(HttpClient http, URI stream, Viewer viewer) {
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            viewer.lines = response.body();
            boolean frameEvent = false;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event:")) {
                    frameEvent = line.substring(6).strip().equals("frame");
                } else if (frameEvent && line.startsWith("data:")) {
                    JsonNode event = json.readTree(line.substring(5));
                    long seq = event.path("seq").asLong();
                    if (seq <= viewer.lastSeq) {
                        viewer.outOfOrder.incrementAndGet();
                    }
                    viewer.lastSeq = seq;
                    if (viewer.first == null) {
                        viewer.first = event;
                    }
                    viewer.frames.incrementAndGet();
                } else if (line.isEmpty()) {
                    frameEvent = false;
                }
            }
        } catch (Exception e) {
            // closed by the test, or the server went away: the counts say how far it got
        }
    }

    List<Viewer> viewers() {
        return viewers;
    }

    long[] frameCounts() {
        return viewers.stream().mapToLong(v -> v.frames.get()).toArray();
    }

    boolean allReceivedFrames() {
        return viewers.stream().allMatch(v -> v.frames.get() > 0);
    }

    @Override
    public void close() throws InterruptedException {
        for (Viewer viewer : viewers) {
            Stream<String> lines = viewer.lines;
            if (lines != null) {
                lines.close();
            }
        }
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }
}
