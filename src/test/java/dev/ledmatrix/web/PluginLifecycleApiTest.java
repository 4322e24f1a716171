package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ledmatrix.web.ApiClient.Reply;
import dev.ledmatrix.web.LifecycleMatrix.Case;
import dev.ledmatrix.web.LifecycleMatrix.From;
import dev.ledmatrix.web.TestPluginTypes.Gates;
import tools.jackson.databind.JsonNode;

/**
 * Every lifecycle action in every state an instance can be in when a user sends it, over real HTTP: the status,
 * the answer's {@code changed} and state, the state afterwards, what was persisted, and that the plugin's
 * onEnable/onDisable hooks stay balanced. Instances are of the test type {@code gate}, whose updates block on
 * demand (state {@code running}) and whose creation fails on demand (state {@code error}); the scheduler ticks
 * once a minute, so only the test starts updates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestPluginTypes.class)
@DirtiesContext
class PluginLifecycleApiTest {

    static final Path DATA = TestDataDirs.create("lifecycle");
    static final String TOKEN = "lifecycle-test-token-0123456789";
    static final AtomicInteger IDS = new AtomicInteger();

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
    Gates gates;

    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.of(port, TOKEN);
    }

    @AfterEach
    void releaseGates() {
        List.copyOf(gates.armed.keySet()).forEach(gates::release);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ledmatrix.web.LifecycleMatrix#cases")
    void lifecycleAction(Case c) throws Exception {
        String id = "g" + IDS.incrementAndGet() + "-" + c.action() + "-" + c.from().json();
        bringTo(id, c.from());
        if (c.fixFirst()) {
            gates.failCreate.remove(id);
        }
        JsonNode configBefore = api.get("/api/v1/plugins/" + id + "/config").json();
        String fileBefore = Files.readString(file(id));

        Reply reply = act(c.action(), id);

        assertThat(reply.status()).as("%s: %s", c, reply).isEqualTo(c.status());
        if (c.status() == 409) {
            assertConflict(reply, c.action(), c.from().json());
            assertThat(api.get("/api/v1/plugins/" + id + "/config").json()).isEqualTo(configBefore);
            assertThat(Files.readString(file(id))).as("a refused action changes nothing on disk").isEqualTo(fileBefore);
        } else if (c.status() == 204) {
            assertThat(reply.body()).isEmpty();
            Reply gone = api.get("/api/v1/plugins/" + id);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.json().path("type").asString()).isEqualTo("/problems/plugin-not-found");
            assertThat(file(id)).doesNotExist();
        } else {
            JsonNode body = reply.json();
            if (c.action().equals("config")) {
                assertThat(body.path("config").path("label").asString()).isEqualTo("changed");
                assertThat(api.get("/api/v1/plugins/" + id + "/config").json().path("label").asString())
                        .isEqualTo("changed");
                assertThat(Files.readString(file(id))).contains("\"changed\"");
            } else {
                assertThat(body.path("pluginId").asString()).isEqualTo(id);
                assertThat(body.path("action").asString()).isEqualTo(c.action());
                assertThat(body.path("changed").asBoolean()).as("changed: %s", reply).isEqualTo(c.changed());
            }
            assertThat(body.path("state").asString()).as("state in the answer: %s", reply).isEqualTo(c.after());
        }
        if (c.after() != null) {
            assertThat(state(id)).as("state afterwards").isEqualTo(c.after());
            assertPersistedEnabled(id, c);
        }
        if (c.from() == From.RUNNING && c.status() != 409 && !"running".equals(c.after())) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(gates.interrupted(id)).as("the running update was interrupted").isPositive());
        }
        int expectedHooks = "enabled".equals(c.after()) || "running".equals(c.after()) ? 1 : 0;
        assertThat(gates.enabledHooks(id)).as("onEnable calls minus onDisable calls").isEqualTo(expectedHooks);

        if (c.repeatIsNoop()) {
            Reply again = act(c.action(), id);
            assertThat(again.status()).as("repeated: %s", again).isEqualTo(c.status());
            if (c.status() == 409) {
                assertConflict(again, c.action(), c.after());
            } else {
                assertThat(again.json().path("changed").asBoolean()).as("repeated: %s", again).isFalse();
                assertThat(again.json().path("state").asString()).isEqualTo(c.after());
            }
            assertThat(state(id)).isEqualTo(c.after());
        }

        if ("running".equals(c.after())) {
            gates.release(id);
            await().atMost(Duration.ofSeconds(5)).until(() -> state(id).equals("enabled"));
            assertThat(api.get("/api/v1/plugins/" + id + "/state").json().path("lastUpdate").isNull()).isFalse();
        }
    }

    @Test
    void createAnswers201WithLocationAndADuplicateIdIs409() {
        Reply created = api.postJson("/api/v1/plugins", """
                {"id":"fresh","type":"gate","updateInterval":60,"displayDuration":5,"config":{"label":"x"}}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue("/api/v1/plugins/fresh");
        assertThat(created.json().path("state").asString()).isEqualTo("enabled");
        assertThat(created.json().path("updateInterval").asInt()).isEqualTo(60);
        Reply located = api.get(created.header("Location").orElseThrow());
        assertThat(located.status()).isEqualTo(200);
        assertThat(located.json().path("config").path("label").asString()).isEqualTo("x");
        assertThat(file("fresh")).exists();

        Reply duplicate = api.postJson("/api/v1/plugins", "{\"id\":\"fresh\",\"type\":\"gate\",\"config\":{\"label\":\"y\"}}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.json().path("type").asString()).isEqualTo("/problems/conflict");
        assertThat(duplicate.json().path("pluginId").asString()).isEqualTo("fresh");
        assertThat(api.get("/api/v1/plugins/fresh/config").json().path("label").asString())
                .as("the existing instance is untouched").isEqualTo("x");
    }

    @Test
    void aPluginThatFailsToStartIsCreatedInError() {
        gates.failCreate.add("broken");

        Reply created = api.postJson("/api/v1/plugins", "{\"id\":\"broken\",\"type\":\"gate\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("state").asString()).isEqualTo("error");
        Reply error = api.get("/api/v1/plugins/broken/error");
        assertThat(error.status()).isEqualTo(200);
        assertThat(error.json().path("error").asString()).contains("refuses to start");
        assertThat(error.json().path("recoverable").asBoolean()).isFalse();
    }

    @Test
    void resetClearsARecoverableFailureOnceAndThenHasNothingToDo() {
        String id = "flaky";
        gates.failUpdate.add(id);
        assertThat(api.postJson("/api/v1/plugins", "{\"id\":\"flaky\",\"type\":\"gate\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/plugins/flaky/update").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/plugins/flaky/error").status() == 200);
        JsonNode failed = api.get("/api/v1/plugins/flaky").json();
        assertThat(failed.path("state").asString()).as("a failed update leaves the plugin enabled").isEqualTo("enabled");
        assertThat(failed.path("errorInfo").path("recoverable").asBoolean()).isTrue();
        assertThat(failed.path("updates").path("consecutiveFailures").asInt()).isEqualTo(1);
        gates.failUpdate.remove(id);

        Reply reset = api.post("/api/v1/plugins/flaky/reset");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("changed").asBoolean()).isTrue();
        assertThat(reset.json().path("state").asString()).isEqualTo("enabled");
        assertThat(api.get("/api/v1/plugins/flaky/error").status()).as("error info cleared").isEqualTo(204);
        assertThat(api.get("/api/v1/plugins/flaky").json().path("updates").path("consecutiveFailures").asInt()).isZero();

        Reply again = api.post("/api/v1/plugins/flaky/reset");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("changed").asBoolean()).isFalse();
    }

    @Test
    void everyActionOnAnUnknownPluginIs404() {
        for (String action : List.of("enable", "disable", "update", "reset", "reload", "config", "delete")) {
            Reply reply = act(action, "no-such-plugin");
            assertThat(reply.status()).as(action).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("type").asString()).isEqualTo("/problems/plugin-not-found");
        }
        assertThat(file("no-such-plugin")).doesNotExist();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private void bringTo(String id, From from) {
        if (from == From.ERROR) {
            gates.failCreate.add(id);
        }
        Reply created = api.postJson("/api/v1/plugins", "{\"id\":\"" + id + "\",\"type\":\"gate\",\"config\":{\"label\":\"initial\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        if (from == From.ENABLED || from == From.RUNNING) {
            gates.arm(id); // an update, by the test or by the scheduler, runs until released
        }
        switch (from) {
            case ENABLED, ERROR -> { }
            case DISABLED -> assertThat(api.post("/api/v1/plugins/" + id + "/disable").status()).isEqualTo(200);
            case RUNNING -> {
                Reply update = api.post("/api/v1/plugins/" + id + "/update");
                assertThat(update.status()).isEqualTo(202);
                // Reserved is not yet running the plugin's code: an update stopped before its thread starts is
                // never called (and so never interrupted). Wait until it really waits on its gate.
                await().atMost(Duration.ofSeconds(30)).until(() -> gates.waiting(id) > 0);
            }
        }
        assertThat(state(id)).as("set-up of %s", id).isEqualTo(from.json());
    }

    private Reply act(String action, String id) {
        return switch (action) {
            case "config" -> api.putJson("/api/v1/plugins/" + id + "/config", "{\"label\":\"changed\"}");
            case "delete" -> api.delete("/api/v1/plugins/" + id);
            default -> api.post("/api/v1/plugins/" + id + "/" + action);
        };
    }

    private void assertConflict(Reply reply, String action, String currentState) {
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asString()).isEqualTo("/problems/state-conflict");
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("currentState").asString()).isEqualTo(currentState);
        assertThat(problem.path("action").asString()).isEqualTo(action);
        assertThat(problem.path("detail").asString()).contains(currentState);
    }

    /** enable and disable are what a user wants; they are persisted, and nothing else changes the flag. */
    private void assertPersistedEnabled(String id, Case c) throws Exception {
        boolean wanted = switch (c.action()) {
            case "enable" -> c.status() == 200 || c.from() != From.DISABLED;
            case "disable" -> false;
            default -> c.from() != From.DISABLED;
        };
        assertThat(api.get("/api/v1/plugins/" + id).json().path("enabled").asBoolean()).isEqualTo(wanted);
        assertThat(ApiClient.JSON.readTree(Files.readString(file(id))).path("enabled").asBoolean()).isEqualTo(wanted);
    }

    private String state(String id) {
        return api.get("/api/v1/plugins/" + id + "/state").json().path("state").asString();
    }

    private static Path file(String id) {
        return DATA.resolve("plugins").resolve(id + ".json");
    }
}
