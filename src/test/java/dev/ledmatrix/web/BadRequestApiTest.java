package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
    static final int MIB = 1024 * 1024;

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

    /**
     * One bad request and what must come back.
     *
     * @param fields every field the problem's {@code errors} must name, exactly (empty: no {@code errors} needed)
     */
    record Bad(String name, String method, String path, String contentType, Map<String, String> headers,
            Supplier<BodyPublisher> body, int status, String type, List<String> fields) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final String JSON = "application/json";
    static final String CREATE = "/api/v1/plugins";
    static final String CONFIG = "/api/v1/plugins/message/config";
    static final String ID_63 = "a".repeat(63);
    static final String ID_64 = "a".repeat(64);

    static Bad row(String name, String method, String path, String contentType, String body, int status, String type,
            String... fields) {
        return new Bad(name, method, path, contentType, Map.of(),
                () -> body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body), status, type,
                List.of(fields));
    }

    static Bad create(String name, String body, String... fields) {
        return row(name, "POST", CREATE, JSON, body, 400, "invalid-request", fields);
    }

    static Bad config(String name, String body, String... fields) {
        return row(name, "PUT", CONFIG, JSON, body, 400, "invalid-request", fields);
    }

    static Bad get(String name, String path, int status, String type, String... fields) {
        return row(name, "GET", path, null, null, status, type, fields);
    }

    static Stream<Bad> badRequests() {
        String big = "{\"text\":\"" + "a".repeat(MIB + 16) + "\"}";
        String justOver = "{\"text\":\"" + "a".repeat(MIB) + "\"}";
        return Stream.of(
                // malformed JSON and non-object bodies
                create("create: malformed JSON", "{\"id\":\"x\",", "body"),
                create("create: trailing garbage", "{\"id\":\"x\",\"type\":\"text\"} trailing", "body"),
                create("create: empty body", "", "body"),
                create("create: null body", "null", "body"),
                create("create: array body", "[]", "body"),
                create("create: string body", "\"plugin\"", "body"),
                create("create: invalid UTF-8", "{\"id\":\"x\u00ff\",\"type\":\"text\"}".replace('\u00ff', '\uFFFD'), "id"),
                create("create: nested 3000 deep", "{\"id\":\"x\",\"type\":\"text\",\"config\":" + "[".repeat(3000)
                        + "]".repeat(3000) + "}", "config"),
                // unknown fields and wrong types
                create("create: unknown field", "{\"id\":\"x\",\"type\":\"text\",\"colour\":\"red\"}", "colour"),
                create("create: id is a number", "{\"id\":5,\"type\":\"text\"}", "id"),
                create("create: type is a boolean", "{\"id\":\"x\",\"type\":true}", "type"),
                create("create: enabled is a string", "{\"id\":\"x\",\"type\":\"text\",\"enabled\":\"yes\"}", "enabled"),
                create("create: enabled is a number", "{\"id\":\"x\",\"type\":\"text\",\"enabled\":1}", "enabled"),
                create("create: updateInterval is a string", "{\"id\":\"x\",\"type\":\"text\",\"updateInterval\":\"60\"}",
                        "updateInterval"),
                create("create: updateTimeout is a boolean", "{\"id\":\"x\",\"type\":\"text\",\"updateTimeout\":true}",
                        "updateTimeout"),
                create("create: displayDuration is an array", "{\"id\":\"x\",\"type\":\"text\",\"displayDuration\":[5]}",
                        "displayDuration"),
                create("create: config is a string", "{\"id\":\"x\",\"type\":\"text\",\"config\":\"text=hi\"}", "config"),
                create("create: config is an array", "{\"id\":\"x\",\"type\":\"text\",\"config\":[]}", "config"),
                // bad ids in the body
                create("create: uppercase id", "{\"id\":\"Clock\",\"type\":\"clock\"}", "id"),
                create("create: id of 64 characters", "{\"id\":\"" + ID_64 + "\",\"type\":\"clock\"}", "id"),
                create("create: id with leading '-'", "{\"id\":\"-clock\",\"type\":\"clock\"}", "id"),
                create("create: id with '_'", "{\"id\":\"my_clock\",\"type\":\"clock\"}", "id"),
                create("create: empty id", "{\"id\":\"\",\"type\":\"clock\"}", "id"),
                create("create: id with a slash", "{\"id\":\"a/b\",\"type\":\"clock\"}", "id"),
                // missing required fields
                create("create: empty object", "{}", "id", "type"),
                create("create: no id", "{\"type\":\"clock\"}", "id"),
                create("create: no type", "{\"id\":\"x\"}", "type"),
                create("create: unknown type", "{\"id\":\"x\",\"type\":\"weather\"}", "type"),
                // out-of-range numbers
                create("create: negative updateInterval", "{\"id\":\"x\",\"type\":\"clock\",\"updateInterval\":-1}",
                        "updateInterval"),
                create("create: zero updateInterval", "{\"id\":\"x\",\"type\":\"clock\",\"updateInterval\":0}",
                        "updateInterval"),
                create("create: updateInterval over 7 days", "{\"id\":\"x\",\"type\":\"clock\",\"updateInterval\":604801}",
                        "updateInterval"),
                create("create: updateInterval 1e999", "{\"id\":\"x\",\"type\":\"clock\",\"updateInterval\":1e999}",
                        "updateInterval"),
                create("create: updateTimeout 0.01", "{\"id\":\"x\",\"type\":\"clock\",\"updateTimeout\":0.01}",
                        "updateTimeout"),
                create("create: zero displayDuration", "{\"id\":\"x\",\"type\":\"clock\",\"displayDuration\":0}",
                        "displayDuration"),
                create("create: negative displayDuration", "{\"id\":\"x\",\"type\":\"clock\",\"displayDuration\":-15}",
                        "displayDuration"),
                create("create: displayDuration over a day", "{\"id\":\"x\",\"type\":\"clock\",\"displayDuration\":86401}",
                        "displayDuration"),
                create("create: every field wrong at once",
                        "{\"id\":\"Bad\",\"type\":\"\",\"updateInterval\":0,\"displayDuration\":100000,\"config\":[]}",
                        "id", "type", "updateInterval", "displayDuration", "config"),
                // schema violations, each listed
                create("create: three schema violations",
                        "{\"id\":\"x\",\"type\":\"text\",\"config\":{\"text\":5,\"color\":\"red\",\"bogus\":1}}",
                        "config.text", "config.color", "config.bogus"),
                create("create: config misses a required field", "{\"id\":\"x\",\"type\":\"text\",\"config\":{}}",
                        "config.text"),
                create("create: config number out of range",
                        "{\"id\":\"x\",\"type\":\"text\",\"config\":{\"text\":\"a\",\"speed\":0}}", "config.speed"),
                create("create: config value not in enum",
                        "{\"id\":\"x\",\"type\":\"text\",\"config\":{\"text\":\"a\",\"font\":\"huge\"}}", "config.font"),
                create("create: config string too long",
                        "{\"id\":\"x\",\"type\":\"text\",\"config\":{\"text\":\"" + "a".repeat(1001) + "\"}}", "config.text"),
                // conflicts
                row("create: duplicate id", "POST", CREATE, JSON, "{\"id\":\"message\",\"type\":\"text\",\"config\":{\"text\":\"x\"}}",
                        409, "conflict"),
                // PUT config
                config("config: malformed JSON", "{\"text\":", "body"),
                config("config: empty body", "", "body"),
                row("config: no body at all", "PUT", CONFIG, JSON, null, 400, "invalid-request", "body"),
                config("config: null", "null", "config"),
                config("config: array", "[{\"text\":\"a\"}]", "config"),
                config("config: string", "\"text\"", "config"),
                config("config: number", "42", "config"),
                config("config: schema violations", "{\"color\":\"#12345\",\"scroll\":\"yes\"}",
                        "config.text", "config.color", "config.scroll"),
                config("config: unknown property", "{\"text\":\"a\",\"blink\":true}", "config.blink"),
                row("config: uppercase id in path", "PUT", "/api/v1/plugins/Message/config", JSON, "{\"text\":\"a\"}",
                        400, "invalid-request", "id"),
                row("config: 64-character id in path", "PUT", "/api/v1/plugins/" + ID_64 + "/config", JSON,
                        "{\"text\":\"a\"}", 400, "invalid-request", "id"),
                row("config: unknown plugin", "PUT", "/api/v1/plugins/" + ID_63 + "/config", JSON, "{\"text\":\"a\"}",
                        404, "plugin-not-found"),
                // bad ids in paths
                get("get: uppercase id", "/api/v1/plugins/Clock", 400, "invalid-request", "id"),
                get("get: id with leading '-'", "/api/v1/plugins/-clock", 400, "invalid-request", "id"),
                get("get: 64-character id", "/api/v1/plugins/" + ID_64, 400, "invalid-request", "id"),
                get("state: id with '_'", "/api/v1/plugins/my_clock/state", 400, "invalid-request", "id"),
                get("error: id with '.'", "/api/v1/plugins/clock.json/error", 400, "invalid-request", "id"),
                row("enable: uppercase id", "POST", "/api/v1/plugins/CLOCK/enable", null, null, 400, "invalid-request", "id"),
                row("disable: leading '-'", "POST", "/api/v1/plugins/-x/disable", null, null, 400, "invalid-request", "id"),
                row("delete: 64-character id", "DELETE", "/api/v1/plugins/" + ID_64, null, null, 400, "invalid-request", "id"),
                row("delete: unknown plugin", "DELETE", "/api/v1/plugins/ghost", null, null, 404, "plugin-not-found"),
                // history parameters
                get("history: limit 0", "/api/v1/plugins/clock/history?limit=0", 400, "invalid-request", "limit"),
                get("history: limit 1001", "/api/v1/plugins/clock/history?limit=1001", 400, "invalid-request", "limit"),
                get("history: negative limit", "/api/v1/plugins/clock/history?limit=-5", 400, "invalid-request", "limit"),
                get("history: limit not a number", "/api/v1/plugins/clock/history?limit=ten", 400, "invalid-request", "limit"),
                get("history: limit 1.5", "/api/v1/plugins/clock/history?limit=1.5", 400, "invalid-request", "limit"),
                get("history: limit beyond int", "/api/v1/plugins/clock/history?limit=99999999999", 400,
                        "invalid-request", "limit"),
                get("history: beforeSeq 0", "/api/v1/plugins/clock/history?beforeSeq=0", 400, "invalid-request",
                        "beforeSeq"),
                get("history: negative beforeSeq", "/api/v1/plugins/clock/history?beforeSeq=-1", 400, "invalid-request",
                        "beforeSeq"),
                get("history: beforeSeq not a number", "/api/v1/plugins/clock/history?beforeSeq=x", 400,
                        "invalid-request", "beforeSeq"),
                // oversized bodies
                new Bad("config: 1 MiB + 16 with Content-Length", "PUT", CONFIG, JSON, Map.of(),
                        () -> BodyPublishers.ofString(big), 413, "payload-too-large", List.of()),
                new Bad("config: just over 1 MiB, chunked", "PUT", CONFIG, JSON, Map.of(),
                        () -> chunked(justOver), 413, "payload-too-large", List.of()),
                new Bad("create: 1 MiB + 16, chunked", "POST", CREATE, JSON, Map.of(),
                        () -> chunked("{\"id\":\"big\",\"type\":\"text\",\"config\":" + big + "}"), 413,
                        "payload-too-large", List.of()),
                // content types
                row("create: text/plain", "POST", CREATE, "text/plain", "{\"id\":\"x\",\"type\":\"clock\"}", 415,
                        "unsupported-media-type"),
                row("create: no Content-Type", "POST", CREATE, null, "{\"id\":\"x\",\"type\":\"clock\"}", 415,
                        "unsupported-media-type"),
                row("create: application/xml", "POST", CREATE, "application/xml", "<plugin/>", 415,
                        "unsupported-media-type"),
                row("create: unparsable Content-Type", "POST", CREATE, "json;;;=", "{}", 415, "unsupported-media-type"),
                row("config: form-encoded", "PUT", CONFIG, "application/x-www-form-urlencoded", "text=hi", 415,
                        "unsupported-media-type"),
                new Bad("list: Accept application/xml", "GET", CREATE, null, Map.of("Accept", "application/xml"),
                        BodyPublishers::noBody, 406, "not-acceptable", List.of()),
                // methods and routes
                row("PUT on the plugin list", "PUT", CREATE, JSON, "[]", 405, "method-not-allowed"),
                row("DELETE on the plugin list", "DELETE", CREATE, null, null, 405, "method-not-allowed"),
                get("GET on an action", "/api/v1/plugins/clock/enable", 405, "method-not-allowed"),
                row("PATCH on config", "PATCH", CONFIG, JSON, "{\"text\":\"a\"}", 405, "method-not-allowed"),
                row("POST on plugin types", "POST", "/api/v1/plugin-types", JSON, "{}", 405, "method-not-allowed"),
                get("unknown route", "/api/v1/nothing", 404, "not-found"),
                get("the error page itself", "/error", 404, "not-found"),
                get("unknown API version", "/api/v2/plugins", 404, "not-found"),
                row("unknown action", "POST", "/api/v1/plugins/clock/explode", null, null, 404, "not-found"),
                get("unknown plugin type", "/api/v1/plugin-types/weather", 404, "not-found"),
                get("unknown plugin", "/api/v1/plugins/ghost", 404, "plugin-not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsAProblemAndChangesNothing(Bad bad) {
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
        List<Bad> rows = badRequests().toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows.stream().map(Bad::status).distinct())
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
                case 0 -> CREATE;
                case 1 -> CONFIG;
                case 2 -> "/api/v1/plugins/clock/enable";
                default -> "/api/v1/plugins/clock/config";
            };
            String method = path.endsWith("config") ? "PUT" : "POST";
            Reply reply = api.exchange(method, path, i % 5 == 0 ? "application/octet-stream" : JSON,
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
            plugins.add(id + " " + p.path("type").asString() + " " + p.path("enabled").asBoolean() + " "
                    + p.path("state").asString());
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

    /** A body with no Content-Length, which the client sends chunked. */
    static BodyPublisher chunked(String body) {
        BodyPublisher inner = BodyPublishers.ofString(body);
        return new BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }
}
