package dev.ledmatrix.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port, read over real HTTP as Prometheus and a container's health check would:
 * plugin metrics, the {@code plugins} health component, and liveness that ignores a failing plugin.
 * Runs in order: a failing plugin is added last and removed again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsEndpointsTest {

    static final String TOKEN = "ops-test-token-0123456789abcdef";

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledmatrix.data-dir", () -> dir.resolve("data").toString());
        registry.add("ledmatrix.plugins-dir", () -> dir.resolve("plugins").toString());
        registry.add("ledmatrix.security.api-token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String prometheus() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private JsonNode health(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " answers 200 without a token").isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The value of one sample line, e.g. {@code name{a="b"} 1.0}, or null when there is none. */
    private static Double sample(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(null);
    }

    @Test
    @Order(1)
    void prometheusHasUpdateTimersStateGaugesAndFailureCountsWithoutAToken() {
        // The clock updates every second and the gauges refresh every second: wait for both.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = prometheus();
            Double updates = sample(metrics,
                    "ledmatrix_plugin_updates_seconds_count{outcome=\"success\",plugin=\"clock\"}");
            assertThat(updates).isNotNull().isGreaterThanOrEqualTo(1.0);
            assertThat(sample(metrics, "ledmatrix_plugin_state{plugin=\"clock\",state=\"enabled\"}")).isEqualTo(1.0);
            assertThat(sample(metrics, "ledmatrix_plugin_state{plugin=\"clock\",state=\"error\"}")).isEqualTo(0.0);
            assertThat(sample(metrics, "ledmatrix_plugin_state{plugin=\"message\",state=\"enabled\"}")).isEqualTo(1.0);
            assertThat(sample(metrics, "ledmatrix_plugin_consecutive_failures{plugin=\"clock\"}")).isEqualTo(0.0);
            // A histogram with fixed buckets (application.properties), so PromQL can compute a p95.
            assertThat(metrics).contains("# TYPE ledmatrix_plugin_updates_seconds histogram")
                    .contains("ledmatrix_plugin_updates_seconds_sum{outcome=\"success\",plugin=\"clock\"}")
                    .contains("ledmatrix_plugin_updates_seconds_bucket{outcome=\"success\",plugin=\"clock\",le=\"0.25\"}")
                    .contains("ledmatrix_plugin_updates_seconds_bucket{outcome=\"success\",plugin=\"clock\",le=\"+Inf\"}");
        });
    }

    @Test
    @Order(2)
    void healthHasAPluginsComponentWithDetailsPerPlugin() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode all = health("/actuator/health");
            assertThat(all.path("status").asString()).isEqualTo("UP");
            JsonNode plugins = all.at("/components/plugins");
            assertThat(plugins.path("status").asString()).isEqualTo("UP");
            JsonNode clock = plugins.at("/details/plugins/clock");
            assertThat(clock.path("type").asString()).isEqualTo("clock");
            assertThat(clock.path("state").asString()).isIn("enabled", "running");
            assertThat(clock.path("enabled").asBoolean()).isTrue();
            assertThat(clock.path("lastUpdate").asString()).isNotEmpty();
            assertThat(plugins.at("/details/plugins/message/type").asString()).isEqualTo("text");
        });
        assertThat(health("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
    }

    @Test
    @Order(3)
    void aFailingPluginDegradesThePluginsComponentButNotLiveness() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String body = "{\"id\":\"broken\",\"type\":\"http-json\",\"updateInterval\":60,"
                + "\"config\":{\"url\":\"http://127.0.0.1:" + closedPort + "/\"}}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/plugins"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode all = health("/actuator/health");
            assertThat(all.path("status").asString()).as("the overall status shows it too").isEqualTo("DEGRADED");
            JsonNode plugins = all.at("/components/plugins");
            assertThat(plugins.path("status").asString()).isEqualTo("DEGRADED");
            JsonNode broken = plugins.at("/details/plugins/broken");
            assertThat(broken.path("state").asString()).isEqualTo("enabled");
            assertThat(broken.path("consecutiveFailures").asInt()).isEqualTo(1);
            assertThat(broken.path("error").asString()).contains("connection refused");
            assertThat(plugins.at("/details/plugins/clock/state").asString()).isIn("enabled", "running");
        });
        assertThat(health("/actuator/health/liveness").path("status").asString()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = prometheus();
            assertThat(sample(metrics, "ledmatrix_plugin_updates_seconds_count{outcome=\"failure\",plugin=\"broken\"}"))
                    .isEqualTo(1.0);
            assertThat(sample(metrics, "ledmatrix_plugin_consecutive_failures{plugin=\"broken\"}")).isEqualTo(1.0);
        });

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/plugins/broken"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(health("/actuator/health").at("/components/plugins/status").asString()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
                .doesNotContain("plugin=\"broken\""));
    }

    @Test
    @Order(4)
    void otherActuatorEndpointsNeedTheToken() throws Exception {
        assertThat(get("/actuator/env").statusCode()).isIn(401, 404);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }
}
