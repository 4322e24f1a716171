package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ledmatrix.web.ApiClient.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Bad requests, one per row, over real HTTP: each gets its status, an {@code application/problem+json} body of
 * the right problem type naming the offending fields, no stack trace, and leaves the plugins, their configs and
 * every file in the data directory exactly as they were. Then fuzzing: random bodies and mangled paths never
 * produce a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BadRequestApiTest {

    static final Path DATA = TestDataDirs.create("bad-requests");
    static final String TOKEN = "bad-request-test-token-0123456789";

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ledmatrix.web.BadRequests#all")
    void aBadRequestIsAProblemAndChangesNothing(BadRequests.Bad bad) {
        Snapshot before = snapshot();

        HttpRequest.Builder request = api.request(bad.path()).method(bad.method(), bad.body().get());
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        bad.headers().forEach(request::header);
        Reply reply = api.send(request);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(bad.status());
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asString()).as(reply.toString()).isEqualTo("/problems/" + bad.type());
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (!bad.fields().isEmpty()) {
            List<String> named = new ArrayList<>();
            problem.path("errors").forEach(e -> {
                named.add(e.path("field").asString());
                assertThat(e.path("message").asString()).as("message for " + e).isNotBlank();
            });
            assertThat(named).as(reply.toString()).containsExactlyInAnyOrderElementsOf(bad.fields());
        }
        assertNoInternals(reply.body());
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void theRowsAreManyAndAllTheErrorKindsAreThere() {
        List<BadRequests.Bad> rows = BadRequests.all().toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows.stream().map(BadRequests.Bad::status).distinct())
                .contains(400, 404, 405, 406, 409, 413, 415);
    }

    @Test
    void randomBytesAsBodiesNeverCauseA5xx() {
        Snapshot before = snapshot();
        Random random = new Random(20261125);
        for (int i = 0; i < 60; i++) {
            byte[] body = new byte[random.nextInt(i < 30 ? 64 : 4096)];
            random.nextBytes(body);
            if (i % 3 == 0 && body.length > 2) { // sometimes it at least starts like JSON
                body[0] = '{';
                body[1] = '"';
            }
            String path = switch (i % 4) {
                case 0 -> BadRequests.CREATE;
                case 1 -> BadRequests.CONFIG;
                case 2 -> "/api/v1/plugins/clock/enable";
                default -> "/api/v1/plugins/clock/config";
            };
            String method = path.endsWith("config") ? "PUT" : "POST";
            Reply reply = api.exchange(method, path, i % 5 == 0 ? "application/octet-stream" : BadRequests.JSON,
                    BodyPublishers.ofByteArray(body));

            assertThat(reply.status()).as("%s %s with %s random bytes: %s", method, path, body.length, reply)
                    .isLessThan(500);
            if (reply.status() >= 400) {
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertNoInternals(reply.body());
            }
        }
        Snapshot after = snapshot();
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void mangledPathsNeverCauseA5xx() {
        Snapshot before = snapshot();
        List<String> paths = new ArrayList<>(List.of(
                "/api/v1/plugins/%00", "/api/v1/plugins/..%2f", "/api/v1/plugins/..%2fetc%2fpasswd",
                "/api/v1/plugins/%2e%2e", "/api/v1/plugins/%2e%2e/config", "/api/v1/plugins/message/%2e%2e/config",
                "/api/v1/plugins/%zz", "/api/v1/plugins/%", "/api/v1/plugins/%c0%ae", "/api/v1/plugins/%ff",
                "/api/v1/plugins/a%5cb", "/api/v1/plugins/a%2fb", "/api/v1/plugins/a;b=c", "/api/v1/plugins/a%3bb",
                "/api/v1/plugins//ghost", "/api/v1/plugins/./ghost", "/api/v1/plugins/ghost/..",
                "/api/v1/plugins/%20", "/api/v1/plugins/%e2%82%ac", "/api/v1/plugins/%25", "/api/v1/plugins/%0d%0a",
                "/api/v1/plugins/ghost?limit=%zz", "/api/v1/plugins/ghost/history?limit=%00",
                "/api/v1/plugins/" + "a".repeat(200), "/api/v1/plugins/" + "a".repeat(5_000),
                "/api/v1/plugins/" + "a".repeat(20_000), "/api/v1/plugins/" + "%41".repeat(2_000),
                "/api/v1/../../etc/passwd", "/..;/api/v1/plugins", "*", "/api/v1/plugins/%u0041"));
        Random random = new Random(7);
        for (int i = 0; i < 25; i++) {
            StringBuilder junk = new StringBuilder("/api/v1/plugins/");
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int c = 0x21 + random.nextInt(0x5e);
                junk.append(random.nextInt(3) == 0 ? String.format("%%%02x", random.nextInt(256)) : (char) c);
            }
            paths.add(junk.toString().replace(" ", "%20").replace("#", "%23"));
        }
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                String target = method.equals("GET") || method.equals("DELETE") ? path : path + (method.equals("PUT") ? "/config" : "/enable");
                byte[] body = method.equals("PUT") ? "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8) : null;
                RawHttp.Response response = RawHttp.send(port, method, target,
                        auth + (body != null ? "Content-Type: application/json\r\n" : ""), body);

                assertThat(response.status()).as("%s %s: %s", method, RawHttp.abbreviate(target), response)
                        .isLessThan(500);
                if (response.status() >= 400) {
                    assertThat(response.contentType()).as("%s %s", method, RawHttp.abbreviate(target))
                            .startsWith("application/problem+json");
                    assertNoInternals(response.body());
                }
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void brokenHeadersAreProblemsToo() {
        List<String> headers = List.of("Content-Length: abc\r\n", "Content-Length: -1\r\n",
                "Content-Length: 5\r\nContent-Length: 6\r\n", "Transfer-Encoding: gzip, chunked, x\r\n",
                "Content-Type: application/json; charset=bogus\r\n", "Authorization: Bearer " + TOKEN + "\u0001\r\n",
                "X-" + "a".repeat(10_000) + ": 1\r\n", "No colon here\r\n");
        for (String header : headers) {
            RawHttp.Response response = RawHttp.send(port, "POST", "/api/v1/plugins/clock/enable",
                    "Authorization: Bearer " + TOKEN + "\r\n" + header, null);
            assertThat(response.status()).as(RawHttp.abbreviate(header) + ": " + response).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.contentType()).as(RawHttp.abbreviate(header)).startsWith("application/problem+json");
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** What a bad request must not change: each plugin's id, type, flag, state and config, and the files. */
    record Snapshot(List<String> plugins, Map<String, String> configs, Map<String, String> fingerprint) {
    }

    private Snapshot snapshot() {
        List<String> plugins = new ArrayList<>();
        Map<String, String> configs = new LinkedHashMap<>();
        for (JsonNode p : api.get("/api/v1/plugins").json()) {
            String id = p.path("id").asString();
            // An enabled plugin is "running" for the moment of each update, which happens by itself: the same state.
            String state = p.path("state").asString().replace("running", "enabled");
            plugins.add(id + " " + p.path("type").asString() + " " + p.path("enabled").asBoolean() + " " + state);
            configs.put(id, api.get("/api/v1/plugins/" + id + "/config").body());
        }
        assertThat(plugins).hasSizeGreaterThanOrEqualTo(2);
        return new Snapshot(plugins, configs, TestDataDirs.fingerprint(DATA));
    }

    /** Class names, stack frames and library internals stay in the log. */
    static void assertNoInternals(String body) {
        for (String leak : List.of("\tat ", "at java.", "at org.", "at dev.", "Exception", "java.lang", "tools.jackson",
                "com.fasterxml", "org.springframework", "org.apache", "StreamReadConstraints", "<html")) {
            assertThat(body).as("no '%s' in %s", leak, body).doesNotContain(leak);
        }
    }

}
