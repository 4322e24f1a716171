package dev.ledmatrix.plugin.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.graphics.TextOnCanvas;
import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.PluginRenderer;
import dev.ledmatrix.plugin.RuntimeFixture;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * http-json against a real HTTP server on loopback, run through the real scheduler: every way a fetch can go
 * wrong ends with the plugin enabled and error info that tells the user what to fix.
 */
class HttpJsonPluginTest {

    static final Color GREEN = Color.parse("#00ff80");

    @TempDir
    Path dataDir;

    HttpServer server;
    ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
    final JsonMapper json = JsonMapper.builder().build();
    RuntimeFixture fixture;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.start();
        fixture = new RuntimeFixture(dataDir, Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofMinutes(5),
                List.of(BuiltinTypes.httpJson()));
    }

    @AfterEach
    void stop() {
        fixture.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(String path, int status, String contentType, String body) {
        server.createContext(path, exchange -> respond(exchange, status, contentType, body));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void create(String id, String config, Duration timeout) {
        fixture.runtime().create(new InstanceSpec(id, "http-json", true, Duration.ofMinutes(1), timeout, null,
                json.readTree(config)));
        assertThat(fixture.states().getState(id)).isEqualTo(PluginState.ENABLED);
    }

    /** One tick, then waits until that update has settled and its thread is gone. */
    private void updateOnce(String id, String expectedOutcome) {
        fixture.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.count(id, "update", expectedOutcome) == 1
                && fixture.idle(id));
        assertThat(fixture.states().getState(id)).isEqualTo(PluginState.ENABLED);
    }

    private ErrorInfo error(String id) {
        return fixture.states().getErrorInfo(id).orElseThrow(() -> new AssertionError("no error info for " + id));
    }

    private Canvas render(String id) {
        Canvas canvas = new Canvas(64, 32);
        Instant now = Instant.now();
        assertThat(fixture.render(id, canvas, new RenderContext(now, now, 1)))
                .isEqualTo(PluginRenderer.Result.RENDERED);
        return canvas;
    }

    @Test
    void showsTheValuePickedByThePointerInTheFormat() {
        answer("/weather", 200, "application/json", "{\"main\":{\"temp\":21.5,\"humidity\":40},\"name\":\"Home\"}");
        create("weather", "{\"url\":\"" + url("/weather") + "\",\"pointer\":\"/main/temp\",\"format\":\"{value} C\"}",
                null);
        assertThat(TextOnCanvas.locate(render("weather"), Font.MEDIUM, GREEN, "21.5 C")).isEmpty();

        updateOnce("weather", "SUCCESS");

        assertThat(fixture.states().getErrorInfo("weather")).isEmpty();
        assertThat(fixture.states().getLastUpdate("weather")).isPresent();
        Canvas canvas = render("weather");
        TextOnCanvas.Pen pen = TextOnCanvas.locate(canvas, Font.MEDIUM, GREEN, "21.5 C").orElseThrow(
                () -> new AssertionError("'21.5 C' is not what the panel shows"));
        int width = Font.MEDIUM.bitmap().textWidth("21.5 C");
        assertThat(pen.x()).as("centred").isEqualTo((64 - width) / 2);
    }

    @Test
    void aStringValueIsShownWithoutQuotesAndALabelAbove() {
        answer("/status", 200, "application/json", "{\"door\":{\"state\":\"OPEN\"}}");
        create("door", "{\"url\":\"" + url("/status") + "\",\"pointer\":\"/door/state\",\"label\":\"DOOR\"}", null);

        updateOnce("door", "SUCCESS");

        Canvas canvas = render("door");
        assertThat(TextOnCanvas.locate(canvas, Font.MEDIUM, GREEN, "OPEN")).isPresent();
        TextOnCanvas.Pen label = TextOnCanvas.locate(canvas, Font.SMALL, Color.parse("#a0a0a0"), "DOOR").orElseThrow();
        TextOnCanvas.Pen value = TextOnCanvas.locate(canvas, Font.MEDIUM, GREEN, "OPEN").orElseThrow();
        assertThat(label.baseline()).as("label above the value").isLessThan(value.baseline());
    }

    @Test
    void sendsTheHeadersFromItsConfig() {
        ConcurrentHashMap<String, String> seen = new ConcurrentHashMap<>();
        server.createContext("/private", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), String.join(",", v)));
            respond(exchange, 200, "application/json", "{\"v\":1}");
        });
        create("private", "{\"url\":\"" + url("/private") + "\",\"pointer\":\"/v\","
                + "\"headers\":{\"Authorization\":\"Bearer s3cret\",\"X-Api-Key\":\"k-42\"}}", null);

        updateOnce("private", "SUCCESS");

        assertThat(seen).containsEntry("authorization", "Bearer s3cret").containsEntry("x-api-key", "k-42")
                .containsEntry("accept", "application/json");
    }

    @Test
    void aServerErrorIsReportedWithItsStatusAndTheStartOfTheBody() {
        answer("/broken", 500, "text/plain", "database on fire\nstack trace follows ...");
        create("broken", "{\"url\":\"" + url("/broken") + "\"}", null);

        updateOnce("broken", "FAILURE");

        ErrorInfo info = error("broken");
        assertThat(info.error()).contains("GET " + url("/broken")).contains("answered HTTP 500")
                .contains("database on fire stack trace follows");
        assertThat(info.recoverable()).isTrue();
        assertThat(info.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void anAnswerPastTheUpdateTimeoutIsCutOffAsATimeout() throws Exception {
        // The server answers headers, then trickles the body forever; it notes when the client hangs up.
        CompletableFuture<Duration> hungUp = new CompletableFuture<>();
        server.createContext("/slow", exchange -> {
            long start = System.nanoTime();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                out.write('[');
                out.flush();
                for (int i = 0; i < 400; i++) {
                    Thread.sleep(25);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException e) {
                hungUp.complete(Duration.ofNanos(System.nanoTime() - start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        create("slow", "{\"url\":\"" + url("/slow") + "\"}", Duration.ofMillis(300));

        updateOnce("slow", "TIMEOUT");

        ErrorInfo info = error("slow");
        assertThat(info.errorType()).isEqualTo("Timeout");
        assertThat(info.error()).contains("did not finish within 0.3s");
        assertThat(info.recoverable()).isTrue();
        assertThat(fixture.count("slow", "update", "FAILURE")).isZero();
        // The connection is closed: the server's handler fails to write soon after the timeout.
        assertThat(hungUp.get(5, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServerSlowToAnswerAtAllIsATimeoutTooAndItsHandlerSeesTheClientGo() throws Exception {
        CompletableFuture<Boolean> hungUp = new CompletableFuture<>();
        server.createContext("/silent", exchange -> {
            try {
                Thread.sleep(1200); // well past the 300 ms timeout; then try to answer, in pieces over 3 s
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                exchange.sendResponseHeaders(200, 150L * chunk.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 150; i++) {
                        out.write(chunk);
                        out.flush();
                        Thread.sleep(20); // the client may close its end only when it next looks at the socket
                    }
                }
                hungUp.complete(false); // someone read it all: the connection was still open
            } catch (IOException e) {
                hungUp.complete(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        create("silent", "{\"url\":\"" + url("/silent") + "\"}", Duration.ofMillis(300));

        updateOnce("silent", "TIMEOUT");

        assertThat(error("silent").errorType()).isEqualTo("Timeout");
        assertThat(fixture.count("silent", "update", "FAILURE")).isZero();
        assertThat(hungUp.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAnswerThatIsNotJsonIsReportedWithASnippet() {
        answer("/html", 200, "text/html", "<html><body>Login required</body></html>");
        create("html", "{\"url\":\"" + url("/html") + "\"}", null);

        updateOnce("html", "FAILURE");

        assertThat(error("html").error()).contains("GET " + url("/html")).contains("did not answer JSON")
                .contains("<html><body>Login required");
    }

    @Test
    void aPointerThatMatchesNothingSaysWhichPointerAndWhatWasThere() {
        answer("/weather", 200, "application/json", "{\"main\":{\"temp\":21.5}}");
        create("weather", "{\"url\":\"" + url("/weather") + "\",\"pointer\":\"/main/humidity\"}", null);

        updateOnce("weather", "FAILURE");

        assertThat(error("weather").error()).contains("JSON Pointer '/main/humidity' matches nothing")
                .contains(url("/weather")).contains("{\"main\":{\"temp\":21.5}}");
    }

    @Test
    void aRefusedConnectionSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + closedPort + "/x";
        create("gone", "{\"url\":\"" + refused + "\"}", null);

        updateOnce("gone", "FAILURE");

        ErrorInfo info = error("gone");
        assertThat(info.error()).contains("GET " + refused).contains("connection refused");
        assertThat(info.errorType()).isEqualTo("IOException");
    }

    @Test
    void aHeaderTheHttpClientMayNotSendIsRejectedWhenTheInstanceIsCreated() {
        JsonNode config = json.readTree("{\"url\":\"" + url("/x") + "\",\"headers\":{\"Host\":\"example.com\"}}");
        fixture.runtime().create(new InstanceSpec("hosty", "http-json", true, null, null, null, config));

        assertThat(fixture.states().getState("hosty")).isEqualTo(PluginState.ERROR);
        ErrorInfo info = error("hosty");
        assertThat(info.error()).contains("header 'Host'");
        assertThat(info.recoverable()).isFalse();
    }

    @Test
    void aUrlTheHttpClientCannotUseIsRejectedWhenTheInstanceIsCreated() {
        JsonNode config = json.readTree("{\"url\":\"http://127.0.0.1/a|b\"}");
        fixture.runtime().create(new InstanceSpec("pipe", "http-json", true, null, null, null, config));

        assertThat(fixture.states().getState("pipe")).isEqualTo(PluginState.ERROR);
        assertThat(error("pipe").error()).contains("url 'http://127.0.0.1/a|b' is not a usable http or https URL");
    }

    @Test
    void anAnswerOverTheSizeLimitIsRefusedWithoutReadingItAll() {
        int size = HttpJsonPlugin.MAX_BODY_BYTES + 1024;
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, size - sent));
                }
            } catch (IOException e) {
                // the client stops reading at the limit
            }
        });
        create("huge", "{\"url\":\"" + url("/huge") + "\"}", null);

        updateOnce("huge", "FAILURE");

        assertThat(error("huge").error()).contains("GET " + url("/huge")).contains("more than")
                .contains(String.valueOf(HttpJsonPlugin.MAX_BODY_BYTES));
    }
}
