package dev.ledmatrix.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole service with MQTT on, against a real Mosquitto on a free loopback port, watched and driven over MQTT
 * the way Home Assistant and {@code mosquitto_pub} do, and checked over the REST API: discovery shapes, commands
 * with the REST API's effects and refusals, malformed payloads, deleted plugins, Home Assistant restarts and a
 * broker restart.
 */
@EnabledIf("dev.ledmatrix.mqtt.Mosquitto#availableOrRequired")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqttBrokerTest {

    static final String TOKEN = "mqtt-test-token-0123456789";
    static final String DEVICE = "testdev";
    static final String B = "ledmatrix/" + DEVICE;
    static final String PREFIX = "homeassistant";
    static final Path ROOT = root();
    static Mosquitto broker;

    final HttpClient http = HttpClient.newHttpClient();
    Watcher watcher;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        broker = Mosquitto.start(ROOT.resolve("broker"));
        registry.add("ledmatrix.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("ledmatrix.plugins-dir", () -> ROOT.resolve("no-plugins").toString());
        registry.add("ledmatrix.security.api-token", () -> TOKEN);
        registry.add("ledmatrix.mqtt.enabled", () -> "true");
        registry.add("ledmatrix.mqtt.uri", broker::uri);
        registry.add("ledmatrix.mqtt.device-id", () -> DEVICE);
        registry.add("ledmatrix.mqtt.reconnect-delay", () -> "200ms");
        registry.add("ledmatrix.mqtt.reconnect-max-delay", () -> "1s");
        registry.add("ledmatrix.mqtt.min-publish-interval", () -> "100ms");
    }

    @BeforeEach
    void watch() {
        watcher = new Watcher(broker.port());
        watcher.await(B + "/status", "online"::equals);
    }

    @AfterEach
    void restore() throws Exception {
        watcher.close();
        call("DELETE", "/api/v1/display/pin", null);
        call("POST", "/api/v1/plugins/clock/enable", null);
        call("PUT", "/api/v1/display/brightness", "{\"brightness\":100}");
        call("DELETE", "/api/v1/display/power", null);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    @Order(1)
    void discoveryConfigsHaveTheShapesHomeAssistantDocuments() {
        Map<String, JsonNode> configs = awaitConfigs(17);
        assertThat(configs.keySet()).containsExactlyInAnyOrder(
                disc("light", "display"), disc("select", "pinned"), disc("notify", "notify"), disc("sensor", "current"),
                disc("sensor", "fps"),
                disc("sensor", "backend"),
                disc("switch", "plugin_clock"), disc("button", "plugin_clock_update"),
                disc("button", "plugin_clock_reset"), disc("sensor", "plugin_clock_state"),
                disc("binary_sensor", "plugin_clock_problem"),
                disc("switch", "plugin_message"), disc("button", "plugin_message_update"),
                disc("button", "plugin_message_reset"), disc("sensor", "plugin_message_state"),
                disc("binary_sensor", "plugin_message_problem"), disc("text", "plugin_message_text"));
        JsonNode display = watcher.await(B + "/display/state", p -> true).json();
        JsonNode message = watcher.await(B + "/plugin/message/state", p -> p.contains("\"text\"")).json();
        // A broker flags a message as retained only when it hands it to a new subscription; to a subscriber that was
        // already there when it was (re)published it comes unflagged. So ask a new one.
        Map<String, Boolean> retained = new HashMap<>();
        try (Watcher fresh = new Watcher(broker.port())) {
            long deadline = System.nanoTime() + Watcher.WAIT.toNanos();
            while (retained.size() < configs.size() && System.nanoTime() < deadline) {
                Watcher.sleep(50);
                configs.keySet().forEach(t -> {
                    Watcher.Message m = fresh.latest().get(t);
                    if (m != null) {
                        retained.put(t, m.retained());
                    }
                });
            }
        }
        Set<String> uniqueIds = new HashSet<>();
        Pattern field = Pattern.compile("value_json\\.(\\w+)");
        configs.forEach((topic, config) -> {
            String component = topic.split("/")[1];
            // Topic ids: only [a-zA-Z0-9_-] (Home Assistant ignores others); retained.
            assertThat(topic).matches(PREFIX + "/[a-z_]+/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+/config");
            assertThat(retained.get(topic)).as("%s is retained (seen by a new subscriber)", topic).isTrue();
            // Common keys: unique id, one device with its identifiers, availability.
            assertThat(uniqueIds.add(config.path("unique_id").asString())).as("unique_id of %s", topic).isTrue();
            assertThat(config.path("device").path("identifiers").get(0).asString()).isEqualTo("ledmatrix_" + DEVICE);
            assertThat(config.path("device").path("name").asString()).isEqualTo("LED Matrix");
            assertThat(config.path("availability_topic").asString()).isEqualTo(B + "/status");
            assertThat(config.path("origin").path("name").asString()).isEqualTo("ledmatrix-manager");
            assertThat(config.has("name")).as("%s has a name (null only for the light)", topic).isTrue();
            // Required keys per component, as HA's MQTT docs list them.
            switch (component) {
                case "light" -> {
                    assertThat(config.path("name").isNull()).isTrue();
                    assertThat(config.path("command_topic").asString()).isEqualTo(B + "/display/power/set");
                    assertThat(config.path("brightness_command_topic").asString())
                            .isEqualTo(B + "/display/brightness/set");
                    assertThat(config.path("brightness_scale").asInt()).isEqualTo(100);
                }
                case "select" -> {
                    assertThat(config.path("command_topic").asString()).isEqualTo(B + "/display/pin/set");
                    assertThat(Json.strings(config.path("options"))).containsExactly("none", "clock", "message");
                }
                case "text" -> {
                    assertThat(config.path("command_topic").asString()).isEqualTo(B + "/plugin/message/text/set");
                    assertThat(config.path("max").asInt()).isBetween(1, 255);
                    assertThat(config.path("mode").asString()).isEqualTo("text");
                }
                case "notify" -> assertThat(config.path("command_topic").asString()).isEqualTo(B + "/display/notify/set");
                case "switch", "button" -> assertThat(config.path("command_topic").asString()).startsWith(B + "/plugin/")
                        .endsWith("/set");
                case "sensor" -> assertThat(config.path("state_topic").asString()).startsWith(B + "/");
                case "binary_sensor" -> {
                    assertThat(config.path("device_class").asString()).isEqualTo("problem");
                    assertThat(config.path("json_attributes_topic").asString()).startsWith(B + "/plugin/");
                }
                default -> throw new AssertionError("unexpected component " + component);
            }
            // Every template reads a field the state topic really has.
            for (String key : List.of("value_template", "state_value_template", "brightness_value_template",
                    "json_attributes_template")) {
                Matcher m = field.matcher(config.path(key).asString(""));
                while (m.find()) {
                    String stateTopic = config.path(key.startsWith("json") ? "json_attributes_topic"
                            : key.startsWith("brightness") ? "brightness_state_topic" : "state_topic").asString();
                    JsonNode state = stateTopic.equals(B + "/display/state") ? display
                            : watcher.await(stateTopic, p -> true).json();
                    assertThat(state.has(m.group(1))).as("%s of %s reads %s from %s", key, topic, m.group(1), state)
                            .isTrue();
                }
            }
        });
        assertThat(message.path("text").asString()).isEqualTo("Hello from ledmatrix-manager");
        assertThat(display.path("power").asString()).isIn("ON", "OFF");
    }

    @Test
    @Order(2)
    void commandsChangeStateAsTheRestApiWould() throws Exception {
        assertThat(command("display/brightness/set", "37").path("status").asInt()).isEqualTo(200);
        assertThat(rest("/api/v1/display").path("brightness").asInt()).isEqualTo(37);
        assertThat(Files.readString(ROOT.resolve("data/brightness")).strip()).isEqualTo("37");
        watcher.await(B + "/display/state", p -> p.contains("\"brightness\":37"));

        JsonNode disabled = command("plugin/clock/enabled/set", "OFF");
        assertThat(disabled.path("status").asInt()).isEqualTo(200);
        assertThat(disabled.path("currentState").asString()).isEqualTo("disabled");
        JsonNode clock = rest("/api/v1/plugins/clock");
        assertThat(clock.path("state").asString()).isEqualTo("disabled");
        assertThat(clock.path("enabled").asBoolean()).isFalse();
        watcher.await(B + "/plugin/clock/state", p -> p.contains("\"state\":\"disabled\""));
        assertThat(command("plugin/clock/enabled/set", "OFF").path("message").asString()).isEqualTo("already disabled");

        assertThat(command("plugin/clock/enabled/set", "ON").path("currentState").asString()).isEqualTo("enabled");
        assertThat(rest("/api/v1/plugins/clock").path("enabled").asBoolean()).isTrue();

        assertThat(command("display/pin/set", "{\"pluginId\":\"clock\",\"duration\":600}").path("status").asInt())
                .isEqualTo(200);
        JsonNode pinned = rest("/api/v1/display").path("pinned");
        assertThat(pinned.path("pluginId").asString()).isEqualTo("clock");
        assertThat(pinned.path("until").isString()).isTrue();
        watcher.await(B + "/display/state", p -> p.contains("\"pinned\":\"clock\""));
        assertThat(command("display/pin/set", "none").path("status").asInt()).isEqualTo(200);
        assertThat(rest("/api/v1/display").path("pinned").isNull()).isTrue();

        assertThat(command("plugin/message/text/set", "Doorbell!").path("status").asInt()).isEqualTo(200);
        assertThat(rest("/api/v1/plugins/message/config").path("text").asString()).isEqualTo("Doorbell!");
        assertThat(rest("/api/v1/plugins/message/config").path("color").asString()).isEqualTo("#ffaa00");
        watcher.await(B + "/plugin/message/state", p -> p.contains("\"text\":\"Doorbell!\""));

        assertThat(command("display/power/set", "OFF").path("status").asInt()).isEqualTo(200);
        assertThat(rest("/api/v1/display/power").path("on").asBoolean()).isFalse();
        assertThat(rest("/api/v1/display/power").path("manual").asBoolean()).isTrue();
        watcher.await(B + "/display/state", p -> p.contains("\"power\":\"OFF\""));
        assertThat(command("display/power/set", "ON").path("status").asInt()).isEqualTo(200);
        assertThat(rest("/api/v1/display/power").path("on").asBoolean()).isTrue();
        watcher.await(B + "/display/state", p -> p.contains("\"power\":\"ON\""));
        assertThat(command("display/power/set", "AUTO").path("status").asInt()).isEqualTo(200);
        assertThat(rest("/api/v1/display/power").path("manual").asBoolean()).isFalse();

        JsonNode notified = command("display/notify/set", "{\"text\":\"Ding dong\",\"color\":\"#ff0000\",\"duration\":5}");
        assertThat(notified.path("status").asInt()).as(notified.toString()).isEqualTo(202);
        watcher.await(B + "/display/state", p -> p.contains("\"notification\":\"Ding dong\""));
        assertThat(rest("/api/v1/display").path("reason").asString()).isEqualTo("notification");
        assertThat(command("display/notify/set", "Plain text works too").path("status").asInt()).isEqualTo(202);

        JsonNode update = command("plugin/clock/update/set", "PRESS");
        assertThat(update.path("status").asInt()).isEqualTo(202);
        assertThat(command("plugin/clock/reset/set", "PRESS").path("status").asInt()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void illegalCommandsAreRefusedWithTheStatusTheRestApiGives() throws Exception {
        call("POST", "/api/v1/plugins/clock/disable", null);
        Map<String, String[]> cases = new LinkedHashMap<>();
        // MQTT command → the same request over REST
        cases.put("display/pin/set|clock", new String[] {"POST", "/api/v1/display/pin", "{\"pluginId\":\"clock\"}"});
        cases.put("plugin/clock/update/set|PRESS", new String[] {"POST", "/api/v1/plugins/clock/update", null});
        cases.put("display/brightness/set|0", new String[] {"PUT", "/api/v1/display/brightness", "{\"brightness\":0}"});
        cases.put("display/brightness/set|101", new String[] {"PUT", "/api/v1/display/brightness",
                "{\"brightness\":101}"});
        cases.put("plugin/nope/enabled/set|ON", new String[] {"POST", "/api/v1/plugins/nope/enable", null});
        cases.put("display/pin/set|nope", new String[] {"POST", "/api/v1/display/pin", "{\"pluginId\":\"nope\"}"});
        cases.put("display/pin/set|{\"pluginId\":\"message\",\"duration\":0}", new String[] {"POST",
                "/api/v1/display/pin", "{\"pluginId\":\"message\",\"duration\":0}"});
        cases.put("display/notify/set|{\"text\":\"\"}", new String[] {"POST", "/api/v1/display/notify",
                "{\"text\":\"\"}"});
        cases.put("display/notify/set|{\"text\":\"hi\",\"colour\":\"#fff\"}", new String[] {"POST",
                "/api/v1/display/notify", "{\"text\":\"hi\",\"colour\":\"#fff\"}"});
        cases.put("display/power/set|{\"on\":false,\"until\":\"2000-01-01T00:00:00Z\"}", new String[] {"PUT",
                "/api/v1/display/power", "{\"on\":false,\"until\":\"2000-01-01T00:00:00Z\"}"});
        String tooLong = "x".repeat(1001);
        cases.put("plugin/message/text/set|" + tooLong, new String[] {"PUT", "/api/v1/plugins/message/config",
                "{\"text\":\"" + tooLong + "\"}"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] mqtt = c.getKey().split("\\|", 2);
            String[] r = c.getValue();
            JsonNode state = snapshot();
            JsonNode result = command(mqtt[0], mqtt[1]);
            assertThat(snapshot()).as("nothing changed after %s", mqtt[0]).isEqualTo(state);
            HttpResponse<String> response = call(r[0], r[1], r[2]);
            assertThat(result.path("status").asInt()).as("%s %s vs %s %s: %s", mqtt[0], abbreviate(mqtt[1]), r[0],
                    r[1], result).isEqualTo(response.statusCode());
            assertThat(result.path("ok").asBoolean()).isFalse();
            assertThat(result.path("message").asString()).isNotBlank();
            if (response.statusCode() == 409) {
                assertThat(result.path("currentState").asString())
                        .isEqualTo(Watcher.JSON.readTree(response.body()).path("currentState").asString());
            }
        }
        assertThat(command("plugin/message/text/set", tooLong).path("errors").get(0).path("field").asString())
                .isEqualTo("config.text");
    }

    @Test
    @Order(4)
    void malformedCommandsAreReportedAndNeverStopTheCallback() throws Exception {
        JsonNode before = snapshot();
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("display/brightness/set", "abc".getBytes());
        cases.put("display/brightness/set ", "".getBytes());
        cases.put("display/pin/set", "{broken".getBytes());
        cases.put("display/pin/set  ", "{\"pluginId\":5}".getBytes());
        cases.put("display/pin/set   ", "{\"pluginId\":\"clock\",\"extra\":1}".getBytes());
        cases.put("display/pin/set    ", "[1,2]".getBytes());
        cases.put("plugin/clock/enabled/set", "MAYBE".getBytes());
        cases.put("plugin/clock/enabled/set ", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        cases.put("plugin/clock/explode/set", "x".getBytes());
        cases.put("plugin/clock/text/set", "not a text plugin".getBytes());
        cases.put("display/explode/set", "1".getBytes());
        cases.put("plugin/Bad_Id/enabled/set", "ON".getBytes());
        cases.put("display/pin/set     ", "Bad Id".getBytes());
        cases.put("display/brightness/set  ", new byte[Commands.MAX_PAYLOAD + 1]);
        Map<String, Integer> expected = Map.ofEntries(Map.entry("plugin/clock/explode/set", 404),
                Map.entry("display/explode/set", 404), Map.entry("display/brightness/set  ", 413));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            String topic = c.getKey().strip();
            long since = System.nanoTime();
            watcher.publish(B + "/" + topic, c.getValue(), false);
            JsonNode result = watcher.awaitAfter(since, B + "/result", m -> m.json().path("topic").asString()
                    .equals(B + "/" + topic)).json();
            assertThat(result.path("ok").asBoolean()).as(c.getKey()).isFalse();
            assertThat(result.path("status").asInt()).as("%s: %s", c.getKey(), result)
                    .isEqualTo(expected.getOrDefault(c.getKey(), 400));
        }
        assertThat(snapshot()).isEqualTo(before);
        // Still listening: a good command after all that is carried out.
        assertThat(command("display/brightness/set", "55").path("status").asInt()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aDeletedPluginsEntitiesAreRemovedAndANewOnesAppear() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/plugins",
                "{\"id\":\"note\",\"type\":\"text\",\"config\":{\"text\":\"hi\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<String> topics = List.of(disc("switch", "plugin_note"), disc("button", "plugin_note_update"),
                disc("button", "plugin_note_reset"), disc("sensor", "plugin_note_state"),
                disc("binary_sensor", "plugin_note_problem"), disc("text", "plugin_note_text"), B + "/plugin/note/state");
        for (String topic : topics) {
            watcher.await(topic, p -> !p.isEmpty());
        }
        watcher.await(disc("select", "pinned"), p -> p.contains("\"note\""));

        assertThat(call("DELETE", "/api/v1/plugins/note", null).statusCode()).isEqualTo(204);
        for (String topic : topics) {
            watcher.await(topic, String::isEmpty);
        }
        watcher.await(disc("select", "pinned"), p -> !p.contains("\"note\""));
        try (Watcher fresh = new Watcher(broker.port())) {
            Watcher.sleep(500);
            assertThat(fresh.latest().keySet()).as("nothing of the deleted plugin stays retained")
                    .noneMatch(t -> t.contains("note"));
        }
    }

    @Test
    @Order(6)
    void homeAssistantComingOnlineGetsEverythingAgain() {
        awaitConfigs(17);
        long since = System.nanoTime();
        watcher.publish(PREFIX + "/status", "online");
        watcher.awaitAfter(since, disc("light", "display"), m -> !m.payload().isEmpty());
        watcher.awaitAfter(since, disc("text", "plugin_message_text"), m -> !m.payload().isEmpty());
        watcher.awaitAfter(since, B + "/display/state", m -> true);
        watcher.awaitAfter(since, B + "/plugin/clock/state", m -> true);
    }

    @Test
    @Order(7)
    void aBrokerRestartIsSurvivedWithEverythingPublishedAgain() throws Exception {
        awaitConfigs(17);
        watcher.close();
        broker.stop();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode mqtt = null;
        while (System.nanoTime() < deadline) {
            mqtt = Watcher.JSON.readTree(call("GET", "/actuator/health", null).body()).path("components").path("mqtt");
            if ("DEGRADED".equals(mqtt.path("status").asString())) {
                break;
            }
            Watcher.sleep(100);
        }
        assertThat(mqtt.path("status").asString()).as(mqtt.toString()).isEqualTo("DEGRADED");
        assertThat(mqtt.path("details").path("lastError").asString()).isNotBlank();
        assertThat(Watcher.JSON.readTree(call("GET", "/actuator/health", null).body()).path("status").asString())
                .isEqualTo("DEGRADED");

        broker.start(); // same port, nothing retained: the service must publish it all again
        watcher = new Watcher(broker.port());
        watcher.await(B + "/status", "online"::equals);
        assertThat(awaitConfigs(17)).hasSize(17);
        watcher.await(B + "/display/state", p -> p.contains("\"brightness\""));
        watcher.await(B + "/plugin/message/state", p -> p.contains("\"text\""));
        assertThat(command("display/brightness/set", "44").path("status").asInt()).isEqualTo(200);
        String metrics = call("GET", "/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("ledmatrix_mqtt_reconnects_total(\\{[^}]*\\})? [1-9]");
        assertThat(metrics).contains("ledmatrix_mqtt_connected 1.0");
        assertThat(metrics).containsPattern("ledmatrix_mqtt_messages_total\\{direction=\"in\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("ledmatrix_mqtt_messages_total\\{direction=\"out\"[^}]*\\} [1-9]");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Publishes a command and returns its result from {@code B/result}. */
    JsonNode command(String relative, String payload) {
        long since = System.nanoTime();
        watcher.publish(B + "/" + relative, payload);
        return watcher.awaitAfter(since, B + "/result",
                m -> m.json().path("topic").asString().equals(B + "/" + relative)).json();
    }

    /** The discovery configs on the broker once at least {@code count} are there. */
    Map<String, JsonNode> awaitConfigs(int count) {
        long deadline = System.nanoTime() + Watcher.WAIT.toNanos();
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            configs.clear();
            watcher.latest().forEach((topic, m) -> {
                if (topic.startsWith(PREFIX + "/") && topic.endsWith("/config") && !m.payload().isEmpty()) {
                    configs.put(topic, m.json());
                }
            });
            if (configs.size() >= count) {
                return configs;
            }
            Watcher.sleep(50);
        }
        throw new AssertionError("only " + new TreeSet<>(configs.keySet()) + " after " + Watcher.WAIT);
    }

    /** Everything a command could change: plugins (state, enabled, config) and the display's brightness and pin. */
    JsonNode snapshot() throws Exception {
        ObjectNode snapshot = Watcher.JSON.createObjectNode();
        for (JsonNode plugin : rest("/api/v1/plugins")) {
            String id = plugin.path("id").asString();
            ObjectNode p = snapshot.putObject(id);
            p.put("state", plugin.path("state").asString().replace("running", "enabled"));
            p.put("enabled", plugin.path("enabled").asBoolean());
            p.set("config", rest("/api/v1/plugins/" + id + "/config"));
        }
        JsonNode display = rest("/api/v1/display");
        snapshot.put("brightness", display.path("brightness").asInt());
        snapshot.set("pinned", display.path("pinned"));
        snapshot.set("power", rest("/api/v1/display/power"));
        return snapshot;
    }

    JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Watcher.JSON.readTree(response.body());
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + TOKEN);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String disc(String component, String object) {
        return PREFIX + "/" + component + "/" + DEVICE + "/" + object + "/config";
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static Path root() {
        try {
            Path target = Path.of(System.getProperty("ledmatrix.test.target", "target"), "mqtt-test");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "broker-test-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** JSON arrays as string lists. */
    static final class Json {
        static List<String> strings(JsonNode array) {
            return array.valueStream().map(JsonNode::asString).toList();
        }
    }
}
