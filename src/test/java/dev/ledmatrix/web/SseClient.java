package dev.ledmatrix.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client on its own {@link HttpClient} (so closing it drops its connection), reading lines
 * as they arrive: {@code state} events parsed, comments (heartbeats) kept.
 */
final class SseClient implements AutoCloseable {

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile int status;
    /** The server ended the stream (as opposed to this client closing it). */
    volatile boolean ended;

    SseClient(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            status = response.statusCode();
            Thread.ofVirtual().name("sse-test-client").start(() -> read(response.body()));
        });
    }

    private void read(Stream<String> lines) {
        String event = null;
        try (lines) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:") && "state".equals(event)) {
                    events.add(ApiClient.JSON.readTree(line.substring("data:".length())));
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
            ended = true;
        } catch (RuntimeException e) {
            // closed
        }
    }

    boolean connected() {
        return status == 200 && comments.contains("connected");
    }

    /** The seq of every state event so far about one of {@code plugins}, in arrival order. */
    List<Long> seqs(java.util.Collection<String> plugins) {
        return events.stream().filter(e -> plugins.contains(e.path("pluginId").asString()))
                .map(e -> e.path("seq").asLong()).toList();
    }

    long heartbeats() {
        return comments.stream().filter("heartbeat"::equals).count();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
