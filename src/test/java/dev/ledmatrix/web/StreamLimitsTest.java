package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.ledmatrix.web.ApiClient.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Both SSE streams as careless and hostile clients meet them, over real sockets: HEAD answers at once and holds
 * nothing; every other method and a GET that does not accept events never holds a connection; the viewer cap
 * answers 503 with Retry-After and frees slots as viewers go; each connection ends after its lifetime; and
 * {@code Last-Event-ID} resumes the events without a gap.
 */
class StreamLimitsTest extends EdgeApp {

    static final List<String> STREAMS = List.of("/api/v1/display/stream", "/api/v1/events");

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/display/stream", "/api/v1/events"})
    void headAnswersAtOnceAndHoldsNothing(String path) throws IOException {
        // More HEADs than the cap, each on its own raw socket kept open by the client: none may hold a slot.
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAM_CLIENTS * 4; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                String status = in.readLine(); // times out (fails) if HEAD streams
                assertThat(status).as("HEAD " + path).startsWith("HTTP/1.1 200");
                String line;
                boolean eventStream = false;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    eventStream |= line.toLowerCase().startsWith("content-type: text/event-stream");
                }
                assertThat(eventStream).as("HEAD names the stream's content type").isTrue();
            }
            // Every slot is still free: a full set of viewers connects.
            try (Viewers viewers = Viewers.open(api, path, MAX_STREAM_CLIENTS)) {
                assertThat(viewers.connected()).isEqualTo(MAX_STREAM_CLIENTS);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"})
    void otherMethodsNeverHoldAConnection(String method) {
        for (String path : STREAMS) {
            for (ApiClient client : List.of(api, api.anonymous())) {
                Reply reply = client.exchange(method, path, "application/json", BodyPublishers.ofString("{}"));
                assertThat(reply.status()).as(method + " " + path + ": " + reply).isBetween(200, 499);
                assertThat(reply.contentType()).as(method + " " + path).doesNotStartWith("text/event-stream");
            }
        }
    }

    @Test
    void aGetThatDoesNotAcceptEventsIsRefusedAtOnce() {
        for (String path : STREAMS) {
            Reply reply = api.send(api.request(path).header("Accept", "application/json").GET());
            assertThat(reply.status()).as(path + ": " + reply).isEqualTo(406);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/display/stream", "/api/v1/events"})
    void theCapAnswers503WithRetryAfterAndFreesSlotsAsViewersGo(String path) {
        try (Viewers full = Viewers.open(api, path, MAX_STREAM_CLIENTS)) {
            assertThat(full.connected()).isEqualTo(MAX_STREAM_CLIENTS);
            for (int i = 0; i < 5; i++) {
                Reply refused = api.anonymous().send(api.anonymous().request(path)
                        .header("Accept", "text/event-stream").GET());
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isPresent();
                assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isPositive();
                assertThat(refused.json().path("type").asString()).isEqualTo("/problems/busy");
            }
            Reply head = api.send(api.request(path).method("HEAD", BodyPublishers.noBody()));
            assertThat(head.status()).as("HEAD when full").isEqualTo(503);
            full.closeOne();
            // The slot of the viewer that left is free again once the server noticed it left (at its next write,
            // at the latest when its lifetime ends).
            await().atMost(Duration.ofSeconds(STREAM_LIFETIME_SECONDS + 10)).until(() ->
                    api.send(api.request(path).method("HEAD", BodyPublishers.noBody())).status() == 200);
            try (Viewers one = Viewers.open(api, path, 1)) {
                assertThat(one.connected()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/display/stream", "/api/v1/events"})
    void aConnectionEndsAfterItsLifetimeAndTellsTheClientWhenToReconnect(String path) {
        long start = System.nanoTime();
        Reply whole = api.send(api.request(path).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(STREAM_LIFETIME_SECONDS + 20)).GET());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(STREAM_LIFETIME_SECONDS - 1));
        assertThat(whole.body()).contains("retry:");
    }

    @Test
    void lastEventIdResumesTheEventsWithoutAGap() throws Exception {
        api.postJson("/api/v1/plugins", "{\"id\":\"resume-a\",\"type\":\"text\",\"config\":{\"text\":\"a\"}}");
        try {
            long last;
            try (SseClient first = new SseClient(api.uri("/api/v1/events"))) {
                await().atMost(Duration.ofSeconds(10)).until(first::connected);
                api.post("/api/v1/plugins/resume-a/disable");
                await().atMost(Duration.ofSeconds(10)).until(() -> !first.seqs(List.of("resume-a")).isEmpty());
                List<Long> seen = first.seqs(List.of("resume-a"));
                last = seen.getLast();
            }
            // Away: these happen while no one listens.
            for (int i = 0; i < 3; i++) {
                api.post("/api/v1/plugins/resume-a/enable");
                api.post("/api/v1/plugins/resume-a/disable");
            }
            List<Long> history = new ArrayList<>();
            for (JsonNode t : api.get("/api/v1/plugins/resume-a/history?limit=1000").json()) {
                if (t.path("seq").asLong() > last) {
                    history.addFirst(t.path("seq").asLong());
                }
            }
            assertThat(history).hasSizeGreaterThanOrEqualTo(6);
            Reply resumed = api.send(api.request("/api/v1/events").header("Accept", "text/event-stream")
                    .header("Last-Event-ID", Long.toString(last))
                    .timeout(Duration.ofSeconds(STREAM_LIFETIME_SECONDS + 20)).GET());
            List<Long> replayed = new ArrayList<>();
            for (String line : resumed.body().split("\n")) {
                if (line.startsWith("data:")) {
                    JsonNode event = ApiClient.JSON.readTree(line.substring(5));
                    if (event.path("pluginId").asString().equals("resume-a")) {
                        replayed.add(event.path("seq").asLong());
                    }
                }
            }
            assertThat(replayed).as("the missed transitions, in order, once each").isEqualTo(history);

            Reply bad = api.send(api.request("/api/v1/events").header("Accept", "text/event-stream")
                    .header("Last-Event-ID", "yesterday").GET());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("Last-Event-ID");
        } finally {
            api.delete("/api/v1/plugins/resume-a");
        }
    }

    /** Viewers of one stream, each on its own connection. */
    static final class Viewers implements AutoCloseable {
        private final List<SseClient> clients = new ArrayList<>();

        static Viewers open(ApiClient api, String path, int count) {
            Viewers viewers = new Viewers();
            for (int i = 0; i < count; i++) {
                viewers.clients.add(new SseClient(api.uri(path)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> viewers.connected() == count);
            return viewers;
        }

        int connected() {
            return (int) clients.stream().filter(SseClient::connected).count();
        }

        void closeOne() {
            clients.removeFirst().close();
        }

        @Override
        public void close() {
            clients.forEach(SseClient::close);
        }
    }
}
