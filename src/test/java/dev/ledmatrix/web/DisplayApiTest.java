package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/** The display endpoints, its metrics and the live page, over real HTTP against the running service. */
class DisplayApiTest extends LiveApp {

    @Test
    void theDisplayDescribesItselfAndShowsADefaultPlugin() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !getJson("/api/v1/display").path("currentPlugin").isNull());
        JsonNode display = getJson("/api/v1/display");
        assertThat(display.path("width").asInt()).isEqualTo(128);
        assertThat(display.path("height").asInt()).isEqualTo(32);
        assertThat(display.path("backend").asString()).isEqualTo("emulator");
        assertThat(display.path("targetFps").asInt()).isEqualTo(30);
        assertThat(display.path("currentPlugin").asString()).isIn("clock", "message");
        assertThat(display.path("framesPushed").asLong()).isPositive();
        assertThat(display.path("panelProblem").isNull()).isTrue();

        String shown = display.path("currentPlugin").asString();
        JsonNode plugin = getJson("/api/v1/plugins/" + shown);
        assertThat(plugin.path("lastDisplay").isNull()).as("lastDisplay of %s", shown).isFalse();
    }

    @Test
    void pinForADurationThenUnpin() {
        assertThat(sendAs(null, "POST", "/api/v1/display/pin", "{\"pluginId\":\"message\"}").statusCode())
                .isEqualTo(401);

        HttpResponse<String> pinned = send("POST", "/api/v1/display/pin", "{\"pluginId\":\"message\",\"duration\":600}");
        try {
            assertThat(pinned.statusCode()).isEqualTo(200);
            JsonNode pin = json.readTree(pinned.body());
            assertThat(pin.path("pluginId").asString()).isEqualTo("message");
            assertThat(Duration.between(java.time.Instant.parse(pin.path("since").asString()),
                    java.time.Instant.parse(pin.path("until").asString()))).isEqualTo(Duration.ofSeconds(600));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "message".equals(getJson("/api/v1/display").path("currentPlugin").asString()));
            assertThat(getJson("/api/v1/display").path("pinned").path("pluginId").asString()).isEqualTo("message");
        } finally {
            assertThat(send("DELETE", "/api/v1/display/pin", null).statusCode()).isEqualTo(204);
        }
        assertThat(getJson("/api/v1/display").path("pinned").isNull()).isTrue();
        assertThat(send("DELETE", "/api/v1/display/pin", null).statusCode()).as("unpin again").isEqualTo(204);
    }

    @Test
    void pinUntilUnpinnedHasNoEnd() {
        try {
            JsonNode pin = json.readTree(send("POST", "/api/v1/display/pin", "{\"pluginId\":\"clock\"}").body());
            assertThat(pin.path("until").isNull()).isTrue();
            assertThat(getJson("/api/v1/display").path("pinned").path("pluginId").asString()).isEqualTo("clock");
        } finally {
            send("DELETE", "/api/v1/display/pin", null);
        }
    }

    @Test
    void pinningADisabledPluginIsAConflictThatNamesItsState() {
        assertThat(send("POST", "/api/v1/plugins/clock/disable", null).statusCode()).isEqualTo(200);
        try {
            HttpResponse<String> response = send("POST", "/api/v1/display/pin", "{\"pluginId\":\"clock\"}");
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).path("currentState").asString()).isEqualTo("disabled");
            assertThat(getJson("/api/v1/display").path("pinned").isNull()).isTrue();
        } finally {
            assertThat(send("POST", "/api/v1/plugins/clock/enable", null).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"pluginId\":\"nosuch\"}|404|",
            "{}|400|pluginId",
            "{\"pluginId\":\"Not An Id\"}|400|pluginId",
            "{\"pluginId\":\"clock\",\"duration\":0}|400|duration",
            "{\"pluginId\":\"clock\",\"duration\":999999999}|400|duration",
            "{\"pluginId\":\"clock\",\"duration\":\"soon\"}|400|duration",
            "{\"pluginId\":\"clock\",\"color\":\"red\"}|400|color",
            "not json|400|"})
    void badPinRequestsAreRefusedAndPinNothing(String row) {
        String[] parts = row.split("\\|", -1);
        HttpResponse<String> response = send("POST", "/api/v1/display/pin", parts[0]);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(Integer.parseInt(parts[1]));
        assertThat(response.body()).contains(parts[2]);
        assertThat(getJson("/api/v1/display").path("pinned").isNull()).isTrue();
    }

    @Test
    void brightnessIsSetPersistedAndValidated() throws Exception {
        HttpResponse<String> ok = send("PUT", "/api/v1/display/brightness", "{\"brightness\":37}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).path("brightness").asInt()).isEqualTo(37);
        assertThat(Files.readString(DATA_DIR.resolve("brightness")).strip()).isEqualTo("37");
        assertThat(getJson("/api/v1/display").path("brightness").asInt()).isEqualTo(37);

        for (String bad : new String[] {"{\"brightness\":0}", "{\"brightness\":101}", "{}", "{\"brightness\":\"max\"}"}) {
            HttpResponse<String> response = send("PUT", "/api/v1/display/brightness", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.body()).as(bad).contains("brightness");
        }
        assertThat(sendAs(null, "PUT", "/api/v1/display/brightness", "{\"brightness\":5}").statusCode()).isEqualTo(401);
        assertThat(getJson("/api/v1/display").path("brightness").asInt()).isEqualTo(37);
        send("PUT", "/api/v1/display/brightness", "{\"brightness\":100}");
    }

    @Test
    void theCurrentFrameAsPng() throws Exception {
        BufferedImage big = png("/api/v1/display/frame.png");
        assertThat(big.getWidth()).isEqualTo(128 * 8);
        assertThat(big.getHeight()).isEqualTo(32 * 8);
        BufferedImage small = png("/api/v1/display/frame.png?scale=1");
        assertThat(small.getWidth()).isEqualTo(128);
        assertThat(get("/api/v1/display/frame.png?scale=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/display/frame.png?scale=33").statusCode()).isEqualTo(400);
    }

    private BufferedImage png(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    @Test
    void displayMetricsAreScrapedByPrometheus() {
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(get("/actuator/prometheus").body(),
                "ledmatrix_display_fps") > 0);
        String scrape = get("/actuator/prometheus").body();
        assertThat(metric(scrape, "ledmatrix_display_frames_total")).isPositive();
        assertThat(metric(scrape, "ledmatrix_display_frame_push_seconds_count"))
                .isEqualTo(metric(scrape, "ledmatrix_display_frames_total"), org.assertj.core.data.Offset.offset(100.0));
        assertThat(scrape).contains("ledmatrix_display_frame_push_seconds_sum");
        assertThat(metric(scrape, "ledmatrix_display_fps")).isBetween(1.0, 120.0);
    }

    /** The value of an untagged sample in a Prometheus scrape. */
    static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError(name + " is not in the scrape");
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theLivePageIsServedWhole() {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("app.js", "app.css", "id=\"screen\"", "id=\"plugins\"");
        StringBuilder all = new StringBuilder(page.body());
        for (String file : new String[] {"/app.js", "/api.js", "/screen.js", "/app.css"}) {
            HttpResponse<String> response = get(file);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(file).hasValueSatisfying(
                    t -> assertThat(t).startsWith(file.endsWith(".css") ? "text/css" : "text/javascript"));
            all.append(response.body());
        }
        assertThat(all).contains("/display/stream", "/events", "Authorization", "localStorage");
        assertThat(all).as("everything is served by the service itself, no CDN")
                .doesNotContain("http://", "https://", "//cdn");
    }
}
