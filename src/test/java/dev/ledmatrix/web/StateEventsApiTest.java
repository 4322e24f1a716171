package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/events} with several real clients: all see the same state events in the same order, idle
 * streams get heartbeat comments, and a client that stops reading is cut off without slowing transitions, the
 * API or the other clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StateEventsApiTest.SmallSendBuffers.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateEventsApiTest {

    /**
     * Pins the server's socket send buffers small. Linux otherwise grows them to megabytes for a client that does
     * not read, and the test would need some 15000 transitions (instead of about 1500) before the server's own
     * limit, the per-client queue, is reached. The behaviour is the same either way.
     */
    static class SmallSendBuffers {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
            return factory -> factory.addConnectorCustomizers(c -> c.setProperty("socket.txBufSize", "8192"));
        }
    }

    static final Path DATA = TestDataDirs.create("events");
    static final String TOKEN = "events-test-token-0123456789";
    /** Opened before the first test, checked by the last: by then a heartbeat period has passed. */
    static SseClient heartbeatWatcher;
    static final List<AutoCloseable> OPEN = new ArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledmatrix.data-dir", DATA::toString);
        registry.add("ledmatrix.plugins-dir", () -> DATA.resolve("no-plugins").toString());
        registry.add("ledmatrix.security.api-token", () -> TOKEN);
        registry.add("ledmatrix.scheduler.tick", () -> "1m");
    }

    @LocalServerPort
    int port;

    @Autowired
    StateEventStream stream;

    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.of(port, TOKEN);
        if (heartbeatWatcher == null) {
            heartbeatWatcher = connect();
        }
    }

    @AfterAll
    static void closeClients() throws Exception {
        for (AutoCloseable c : OPEN) {
            c.close();
        }
    }

    @Test
    @Order(1)
    void concurrentClientsSeeTheSameStateEventsInTheSameOrder() throws Exception {
        List<String> plugins = List.of("ev-a", "ev-b", "ev-c");
        List<SseClient> clients = List.of(connect(), connect(), connect());
        for (String id : plugins) {
            assertThat(api.postJson("/api/v1/plugins", "{\"id\":\"" + id + "\",\"type\":\"text\",\"config\":{\"text\":\""
                    + id + "\"}}").status()).isEqualTo(201);
        }

        // Three users toggle three plugins at once: transitions of different plugins interleave.
        try (ExecutorService users = Executors.newFixedThreadPool(3)) {
            List<Future<?>> done = new ArrayList<>();
            for (String id : plugins) {
                done.add(users.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        assertThat(api.post("/api/v1/plugins/" + id + "/disable").status()).isEqualTo(200);
                        assertThat(api.post("/api/v1/plugins/" + id + "/enable").status()).isEqualTo(200);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        Map<String, List<JsonNode>> history = new HashMap<>();
        int expected = 0;
        for (String id : plugins) {
            List<JsonNode> entries = new ArrayList<>();
            api.get("/api/v1/plugins/" + id + "/history?limit=1000").json().forEach(entries::add);
            history.put(id, entries.reversed());
            expected += entries.size();
        }
        assertThat(expected).as("create (2) and 50 toggles per plugin").isEqualTo(3 * 52);
        int total = expected;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (SseClient c : clients) {
                assertThat(c.seqs(plugins)).hasSize(total);
            }
        });

        List<Long> first = clients.getFirst().seqs(plugins);
        for (SseClient c : clients) {
            assertThat(c.seqs(plugins)).as("every client, the same events in the same order").isEqualTo(first);
        }
        for (String id : plugins) {
            List<JsonNode> seen = clients.getFirst().events.stream()
                    .filter(e -> e.path("pluginId").asString().equals(id)).toList();
            List<JsonNode> recorded = history.get(id);
            assertThat(seen).hasSameSizeAs(recorded);
            for (int i = 0; i < seen.size(); i++) {
                JsonNode event = seen.get(i);
                JsonNode entry = recorded.get(i);
                assertThat(event.path("seq").asLong()).as("%s in history order", id).isEqualTo(entry.path("seq").asLong());
                assertThat(event.path("from").asString()).isEqualTo(entry.path("from").asString());
                assertThat(event.path("to").asString()).isEqualTo(entry.path("to").asString());
                assertThat(event.path("timestamp").asString()).isEqualTo(entry.path("timestamp").asString());
            }
        }
    }

    @Test
    @Order(2)
    void aClientThatStopsReadingIsCutOffWithoutSlowingAnyoneElse() throws Exception {
        List<String> plugins = List.of("flood-a", "flood-b");
        for (String id : plugins) {
            assertThat(api.postJson("/api/v1/plugins", "{\"id\":\"" + id + "\",\"type\":\"text\",\"config\":{\"text\":\""
                    + id + "\"}}").status()).isEqualTo(201);
        }
        Map<String, Long> countBefore = new HashMap<>();
        for (String id : plugins) {
            countBefore.put(id, api.get("/api/v1/plugins/" + id + "/state").json().path("stateHistoryCount").asLong());
        }
        List<SseClient> good = List.of(connect(), connect());
        int others = stream.clientCount();

        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(2048);
            slow.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = slow.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.clientCount() == others + 1);

            // Reloads (3 transitions each) from two users until the server gives up on the slow client.
            AtomicInteger requests = new AtomicInteger();
            AtomicLong slowestNanos = new AtomicLong();
            try (ExecutorService users = Executors.newFixedThreadPool(2)) {
                List<Future<?>> done = new ArrayList<>();
                for (String id : plugins) {
                    done.add(users.submit(() -> {
                        while (stream.clientCount() > others && requests.get() < 10_000) {
                            long start = System.nanoTime();
                            var reply = api.post("/api/v1/plugins/" + id + "/reload"); // times out if the API hangs
                            slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                            assertThat(reply.status()).isEqualTo(200);
                            requests.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            System.out.printf("events flood: %d reloads (%d transitions) until the slow client was cut off; slowest "
                    + "reload %d ms%n", requests.get(), 3 * requests.get(), slowestNanos.get() / 1_000_000);
            assertThat(stream.clientCount()).as("the slow client is disconnected, the others are not").isEqualTo(others);

            // The others got everything, promptly, and still get new events.
            for (String id : plugins) {
                assertThat(api.post("/api/v1/plugins/" + id + "/disable").status()).isEqualTo(200);
            }
            Map<String, Long> generated = new HashMap<>();
            long total = 0;
            for (String id : plugins) {
                long count = api.get("/api/v1/plugins/" + id + "/state").json().path("stateHistoryCount").asLong()
                        - countBefore.get(id);
                generated.put(id, count);
                total += count;
            }
            long expectedTotal = total;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (SseClient c : good) {
                    assertThat(c.seqs(Set.copyOf(plugins))).hasSize((int) expectedTotal);
                }
            });
            assertThat(good.get(0).seqs(Set.copyOf(plugins))).isEqualTo(good.get(1).seqs(Set.copyOf(plugins)));
            for (String id : plugins) {
                assertThat(good.get(0).seqs(Set.of(id))).hasSize(generated.get(id).intValue())
                        .isSortedAccordingTo(Long::compare);
            }

            // The slow client, reading at last, finds its stream ended, far short of everything.
            SlowRead read = readToEnd(slow.getInputStream(), Duration.ofSeconds(15));
            assertThat(read.ended()).as("the server ended the slow client's stream").isTrue();
            assertThat(read.events()).as("events the slow client got").isLessThan(expectedTotal);
        }
    }

    @Test
    @Order(3)
    void idleStreamsGetHeartbeatComments() {
        await().atMost(StateEventStream.HEARTBEAT.plusSeconds(5)).until(() -> heartbeatWatcher.heartbeats() > 0);
        assertThat(heartbeatWatcher.comments).startsWith("connected");
        assertThat(heartbeatWatcher.comments).containsOnly("connected", "heartbeat");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private SseClient connect() {
        SseClient client = new SseClient(api.uri("/api/v1/events"));
        OPEN.add(client);
        await().atMost(Duration.ofSeconds(5)).until(client::connected);
        return client;
    }

    record SlowRead(boolean ended, long events) {
    }

    /** Reads until EOF or the last chunk of the response; counts the state events on the way. */
    private static SlowRead readToEnd(InputStream in, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        StringBuilder tail = new StringBuilder();
        long events = 0;
        byte[] buffer = new byte[16 * 1024];
        while (System.nanoTime() < deadline) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (java.net.SocketException e) {
                return new SlowRead(true, events); // reset by the server: cut off
            }
            if (n < 0) {
                return new SlowRead(true, events);
            }
            tail.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            int last = tail.lastIndexOf("\n");
            String complete = tail.substring(0, last + 1);
            events += complete.split("event:state", -1).length - 1;
            if (complete.contains("\r\n0\r\n\r\n") || complete.startsWith("0\r\n\r\n")) {
                return new SlowRead(true, events);
            }
            tail.delete(0, Math.max(0, last - 8)); // keep a little, in case the end marker straddles reads
        }
        return new SlowRead(false, events);
    }
}
