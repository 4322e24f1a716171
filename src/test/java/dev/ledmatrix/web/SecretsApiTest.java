package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.sun.net.httpserver.HttpServer;

import dev.ledmatrix.web.ApiClient.Reply;

/**
 * Secrets in plugin configs, wherever they hide: a property and array items marked {@code "x-secret": true},
 * http-json's header values, and a URL's password and query values. Plugins that fail on creation, in update and
 * in render with their secrets in the message. Without the token, no read path, event, health detail, metric or
 * log line shows any of them; with it, the config does; a config sent back with masks keeps the stored secrets.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsApiTest extends EdgeApp {

    static final String API_KEY = "sk-live-4f9a2c7e";
    static final String ARRAY_TOKEN = "tok-aaaa-1111";
    static final String PASSWORD = "pa55word-xyz";
    static final String QUERY_KEY = "q-key-8811";
    static final String HEADER_SECRET = "hdr-secret-9876";
    static final String OTHER_HEADER = "xk-5555-abcd";
    static final List<String> SECRETS = List.of(API_KEY, ARRAY_TOKEN, PASSWORD, QUERY_KEY, HEADER_SECRET,
            OTHER_HEADER);
    static final List<String> IDS = List.of("vault-update", "vault-create", "vault-render", "web-secret");

    static HttpServer upstream;

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    @AfterEach
    void cleanUp() {
        api.delete("/api/v1/display/pin");
        IDS.forEach(id -> api.delete("/api/v1/plugins/" + id));
    }

    String upstreamUrl() {
        return "http://alice:" + PASSWORD + "@127.0.0.1:" + upstream.getAddress().getPort() + "/data?apikey="
                + QUERY_KEY + "&units=metric";
    }

    void createAll() {
        String vault = "\"apiKey\":\"" + API_KEY + "\",\"endpoint\":\"" + upstreamUrl() + "\",\"tokens\":[\""
                + ARRAY_TOKEN + "\"]";
        created(api.postJson("/api/v1/plugins", "{\"id\":\"vault-update\",\"type\":\"vault\",\"config\":{" + vault
                + ",\"failUpdate\":true}}"));
        created(api.postJson("/api/v1/plugins", "{\"id\":\"vault-create\",\"type\":\"vault\",\"config\":{" + vault
                + ",\"failCreate\":true}}"));
        created(api.postJson("/api/v1/plugins", "{\"id\":\"vault-render\",\"type\":\"vault\",\"config\":{" + vault
                + ",\"failRender\":true}}"));
        created(api.postJson("/api/v1/plugins", "{\"id\":\"web-secret\",\"type\":\"http-json\",\"updateInterval\":1,"
                + "\"config\":{\"url\":\"" + upstreamUrl() + "\",\"headers\":{\"Authorization\":\"Bearer "
                + HEADER_SECRET + "\",\"X-Api-Key\":\"" + OTHER_HEADER + "\"}}}"));
        assertThat(api.postJson("/api/v1/display/pin", "{\"pluginId\":\"vault-render\"}").status()).isEqualTo(200);
        // Every failure has happened: an update failed, a creation failed, a render failed, a fetch failed.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(api.get("/api/v1/plugins/vault-update/error").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/plugins/vault-create/error").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/plugins/web-secret/error").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/plugins/vault-render").json().path("renders").path("lastError").isString())
                    .isTrue();
        });
    }

    static void created(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertNoSecret("the create answer", reply.body());
    }

    static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as(where + " shows the secret " + secret + ": " + text).doesNotContain(secret);
        }
    }

    @Test
    void noReadPathWithoutTheTokenShowsASecret(CapturedOutput output) {
        createAll();
        ApiClient anonymous = api.anonymous();
        List<String> paths = new java.util.ArrayList<>(List.of("/api/v1/plugins", "/actuator/health",
                "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info"));
        for (String id : IDS) {
            for (String tail : List.of("", "/state", "/history", "/error", "/config")) {
                paths.add("/api/v1/plugins/" + id + tail);
            }
        }
        for (String path : paths) {
            Reply reply = anonymous.get(path);
            assertThat(reply.status()).as(path + " " + reply).isBetween(200, 299);
            assertNoSecret("GET " + path, reply.body());
        }
        // The events stream, replayed from the start of the history.
        Reply events = anonymous.send(anonymous.request("/api/v1/events").header("Last-Event-ID", "0")
                .timeout(Duration.ofSeconds(STREAM_LIFETIME_SECONDS + 10)).GET());
        assertThat(events.body()).contains("event:state").contains("vault-update");
        assertNoSecret("the events stream", events.body());
        // Masked where the secrets were, not dropped.
        assertThat(anonymous.get("/api/v1/plugins/vault-update/config").json().path("apiKey").asString())
                .isEqualTo("••••••");
        assertThat(anonymous.get("/api/v1/plugins/web-secret/config").json().path("url").asString())
                .isEqualTo("http://alice:••••••@127.0.0.1:" + upstream.getAddress().getPort()
                        + "/data?apikey=••••••&units=••••••");
        assertThat(anonymous.get("/api/v1/plugins/web-secret/config").json().path("headers").path("Authorization")
                .asString()).isEqualTo("••••••");
        assertThat(anonymous.get("/api/v1/plugins/web-secret/error").json().path("error").asString())
                .contains("http://alice:••••••@127.0.0.1");
        assertNoSecret("the log", output.getAll());
    }

    @Test
    void theOwnerReadsTheSecretsAndAWrongTokenIsRefused() {
        createAll();
        Reply config = api.get("/api/v1/plugins/web-secret/config");
        assertThat(config.json().path("url").asString()).isEqualTo(upstreamUrl());
        assertThat(config.json().path("headers").path("Authorization").asString()).isEqualTo("Bearer " + HEADER_SECRET);
        assertThat(api.get("/api/v1/plugins/vault-update/config").json().path("apiKey").asString()).isEqualTo(API_KEY);
        for (String path : List.of("/api/v1/plugins/web-secret/config", "/api/v1/plugins", "/api/v1/events",
                "/api/v1/display", "/actuator/health")) {
            Reply wrong = api.withToken("not-the-token-at-all").get(path);
            assertThat(wrong.status()).as("GET " + path + " with a wrong token: " + wrong).isEqualTo(401);
            assertThat(wrong.contentType()).startsWith("application/problem+json");
            assertNoSecret("401 on " + path, wrong.body());
        }
    }

    @Test
    void aConfigSentBackWithMasksKeepsTheStoredSecrets() {
        createAll();
        String masked = api.anonymous().get("/api/v1/plugins/web-secret/config").body();
        assertThat(masked).contains("••••••");
        Reply put = api.putJson("/api/v1/plugins/web-secret/config", masked.replace("}}", "},\"label\":\"Kept\"}"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertNoSecret("the PUT answer", put.body());
        var stored = api.get("/api/v1/plugins/web-secret/config").json();
        assertThat(stored.path("url").asString()).isEqualTo(upstreamUrl());
        assertThat(stored.path("headers").path("Authorization").asString()).isEqualTo("Bearer " + HEADER_SECRET);
        assertThat(stored.path("headers").path("X-Api-Key").asString()).isEqualTo(OTHER_HEADER);
        assertThat(stored.path("label").asString()).isEqualTo("Kept");

        // The schema's pattern (^sk-) sees the stored key, not the mask.
        String vault = api.anonymous().get("/api/v1/plugins/vault-update/config").body();
        Reply vaultPut = api.putJson("/api/v1/plugins/vault-update/config",
                vault.replace("\"failUpdate\":true", "\"failUpdate\":false"));
        assertThat(vaultPut.status()).as(vaultPut.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/plugins/vault-update/config").json().path("apiKey").asString())
                .isEqualTo(API_KEY);

        // A mask with nothing stored behind it is refused, naming the field; nothing changes.
        Reply orphan = api.putJson("/api/v1/plugins/vault-update/config",
                "{\"apiKey\":\"••••••\",\"tokens\":[\"••••••\",\"••••••\"]}");
        assertThat(orphan.status()).as(orphan.toString()).isEqualTo(400);
        assertThat(orphan.body()).contains("config.tokens[1]").doesNotContain("config.tokens[0]");
        assertThat(api.get("/api/v1/plugins/vault-update/config").json().path("tokens").size()).isEqualTo(1);
        Reply newWithMask = api.postJson("/api/v1/plugins",
                "{\"id\":\"vault-new\",\"type\":\"vault\",\"config\":{\"apiKey\":\"••••••\"}}");
        assertThat(newWithMask.status()).as(newWithMask.toString()).isEqualTo(400);
        assertThat(newWithMask.body()).contains("config.apiKey");
    }

    @Test
    void instanceFilesAreReadableByTheOwnerOnly() throws IOException {
        createAll();
        try (Stream<Path> files = Files.list(DATA.resolve("plugins"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                        .isEqualTo("rw-------");
            }
        }
    }
}
