package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ledmatrix.web.ApiClient.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Section 8 over real HTTP: every write under /api/v1 needs the bearer token (401 problem with WWW-Authenticate
 * without it or with a wrong one, and nothing changes), reads and the public pages are open, and actuator
 * endpoints other than health, info and prometheus need the token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ApiSecurityTest {

    static final Path DATA = TestDataDirs.create("security");
    static final String TOKEN = "security-test-token-0123456789";

    /** Writes known today; the test also finds every write the OpenAPI document lists. */
    static final List<String> KNOWN_WRITES = List.of(
            "POST /api/v1/plugins",
            "DELETE /api/v1/plugins/{id}",
            "POST /api/v1/plugins/{id}/enable",
            "POST /api/v1/plugins/{id}/disable",
            "POST /api/v1/plugins/{id}/update",
            "POST /api/v1/plugins/{id}/reset",
            "POST /api/v1/plugins/{id}/reload",
            "PUT /api/v1/plugins/{id}/config");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledmatrix.data-dir", DATA::toString);
        registry.add("ledmatrix.plugins-dir", () -> DATA.resolve("no-plugins").toString());
        registry.add("ledmatrix.security.api-token", () -> TOKEN);
        registry.add("ledmatrix.scheduler.tick", () -> "1m");
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.of(port, TOKEN);
    }

    static Stream<String> wrongAuthorizations() {
        return Stream.of("Bearer wrong-token-0123456789", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                "Bearer", "Bearer ", "Basic YXBpOnNlY3JldA==", TOKEN, "Token " + TOKEN, "Bearer " + TOKEN.toUpperCase());
    }

    @Test
    void everyWriteUnderApiV1NeedsTheToken() {
        Set<String> writes = new TreeSet<>(KNOWN_WRITES);
        writes.addAll(writesInOpenApi());
        Map<String, String> before = TestDataDirs.fingerprint(DATA);
        String pluginsBefore = withoutTimes(api.get("/api/v1/plugins").body());

        for (String write : writes) {
            String method = write.substring(0, write.indexOf(' '));
            String path = write.substring(write.indexOf(' ') + 1).replace("{id}", "message").replace("{type}", "text");
            String body = method.equals("DELETE") ? "" : "{\"id\":\"intruder\",\"type\":\"text\",\"config\":{\"text\":\"x\"}}";

            Reply missing = api.anonymous().exchange(method, path, "application/json", BodyPublishers.ofString(body));
            assertUnauthorized(write + " without a token", missing);
            assertThat(missing.json().path("detail").asString()).contains("Authorization: Bearer");

            Reply wrong = api.withToken("wrong-token-0123456789").exchange(method, path, "application/json",
                    BodyPublishers.ofString(body));
            assertUnauthorized(write + " with a wrong token", wrong);
            assertThat(wrong.json().path("detail").asString()).contains("wrong");
        }
        assertThat(writes).as("the writes checked").hasSizeGreaterThanOrEqualTo(KNOWN_WRITES.size());
        assertThat(TestDataDirs.fingerprint(DATA)).as("nothing was written").isEqualTo(before);
        assertThat(withoutTimes(api.get("/api/v1/plugins").body())).isEqualTo(pluginsBefore);
    }

    /**
     * The plugin list without what moves on by itself: update and display times, and the "running" an enabled
     * plugin shows for the moment of each update.
     */
    private static String withoutTimes(String plugins) {
        return plugins.replace("\"state\":\"running\"", "\"state\":\"enabled\"").replaceAll("\"(lastUpdate|lastDisplay|timestamp|nextAttemptAt)\":(\"[^\"]*\"|null)", "");
    }

    @ParameterizedTest
    @MethodSource("wrongAuthorizations")
    void aWrongAuthorizationHeaderIs401(String authorization) {
        Reply reply = api.anonymous().send(api.anonymous().request("/api/v1/plugins/message/disable")
                .header("Authorization", authorization).POST(BodyPublishers.noBody()));

        assertUnauthorized(authorization, reply);
        assertThat(state("message")).isEqualTo("enabled");
    }

    @Test
    void theRightTokenIsAccepted() {
        Reply disabled = api.post("/api/v1/plugins/clock/disable");
        assertThat(disabled.status()).isEqualTo(200);
        Reply enabled = api.send(api.anonymous().request("/api/v1/plugins/clock/enable")
                .header("Authorization", "bearer   " + TOKEN + "  ").POST(BodyPublishers.noBody()));
        assertThat(enabled.status()).as("the scheme is case-insensitive, spaces around the token do not matter")
                .isEqualTo(200);
        assertThat(state("clock")).isEqualTo("enabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/plugins", "/api/v1/plugins/message", "/api/v1/plugins/message/state",
            "/api/v1/plugins/message/history?limit=5", "/api/v1/plugins/message/config", "/api/v1/plugin-types",
            "/api/v1/plugin-types/text", "/v3/api-docs", "/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus"})
    void readsAndPublicPagesAreOpen(String path) {
        Reply reply = api.anonymous().get(path);

        assertThat(reply.status()).as(path + ": " + reply).isEqualTo(200);
    }

    @Test
    void errorInfoAndTheRootPageAreOpen() {
        assertThat(api.anonymous().get("/api/v1/plugins/message/error").status()).isIn(200, 204);
        assertThat(api.anonymous().get("/").status()).as("'/' is never behind the token").isNotIn(401, 403);
    }

    @Test
    void swaggerUiIsOpen() {
        Reply ui = api.anonymous().send(api.anonymous().request("/swagger-ui.html").GET());
        assertThat(ui.status()).as(ui.toString()).isIn(200, 302);
        String location = ui.status() == 302 ? ui.header("Location").orElseThrow() : "/swagger-ui.html";
        Reply page = api.anonymous().get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }

    @Test
    void theEventStreamIsOpen() throws Exception {
        var response = api.http().send(api.anonymous().request("/api/v1/events").GET().build(),
                BodyHandlers.ofInputStream());
        try (var body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/metrics", "/actuator/metrics/ledmatrix.plugin.updates",
            "/actuator/env", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump",
            "/actuator/shutdown"})
    void otherActuatorEndpointsNeedTheToken(String path) {
        assertUnauthorized(path, api.anonymous().get(path));
        assertUnauthorized(path, api.withToken("wrong-token-0123456789").get(path));

        Reply withToken = api.get(path);
        assertThat(withToken.status()).as(path + " with the token: " + withToken).isIn(200, 404);
    }

    @Test
    void metricsAreExposedBehindTheToken() {
        Reply metrics = api.get("/actuator/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        metrics.json().path("names").forEach(n -> names.add(n.asString()));
        assertThat(names).contains("jvm.memory.used");
        assertThat(api.get("/actuator/metrics/jvm.memory.used").status()).isEqualTo(200);
        assertThat(api.anonymous().post("/actuator/metrics").status()).isEqualTo(401);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private List<String> writesInOpenApi() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").json().path("paths");
        List<String> writes = new ArrayList<>();
        for (var entry : paths.properties()) {
            for (String method : List.of("post", "put", "patch", "delete")) {
                if (entry.getKey().startsWith("/api/v1/") && entry.getValue().has(method)) {
                    writes.add(method.toUpperCase() + " " + entry.getKey());
                }
            }
        }
        assertThat(writes).as("the OpenAPI document lists the writes").isNotEmpty();
        return writes;
    }

    private static void assertUnauthorized(String what, Reply reply) {
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(401);
        assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        assertThat(reply.header("WWW-Authenticate")).as(what).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain(TOKEN);
    }

    private String state(String id) {
        return api.get("/api/v1/plugins/" + id + "/state").json().path("state").asString();
    }
}
