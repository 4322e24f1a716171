package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Display power and notifications over real HTTP: switched off and on, persisted, refused when wrong. */
class DisplayPowerApiTest extends LiveApp {

    @AfterEach
    void powerBackToTheSchedule() {
        send("DELETE", "/api/v1/display/power", null);
    }

    @Test
    void offUntilATimeShowsBlackWithItsReasonThenOnAgain() throws Exception {
        Instant until = Instant.now().plusSeconds(600);
        HttpResponse<String> off = send("PUT", "/api/v1/display/power",
                "{\"on\":false,\"until\":\"" + until + "\"}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        JsonNode power = json.readTree(off.body());
        assertThat(power.path("on").asBoolean()).isFalse();
        assertThat(power.path("manual").asBoolean()).isTrue();
        assertThat(Instant.parse(power.path("until").asString())).isEqualTo(until);
        assertThat(Files.readString(DATA_DIR.resolve("display-power.json"))).contains("\"on\" : false");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "power-off".equals(getJson("/api/v1/display").path("reason").asString()));
        JsonNode display = getJson("/api/v1/display");
        assertThat(display.path("currentPlugin").isNull()).isTrue();
        assertThat(Instant.parse(display.path("nextChangeAt").asString())).isEqualTo(until);
        assertThat(display.path("power").path("on").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(this::frameIsBlack);
        assertThat(getJson("/api/v1/display").path("fps").asDouble()).as("the loop keeps running").isPositive();

        HttpResponse<String> on = send("PUT", "/api/v1/display/power", "{\"on\":true}");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(json.readTree(on.body()).path("on").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "rotation".equals(getJson("/api/v1/display").path("reason").asString()));
        assertThat(getJson("/api/v1/display").path("currentPlugin").isNull()).isFalse();
    }

    @Test
    void badPowerRequestsAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
        String before = get("/api/v1/display/power").body();
        String[][] cases = {
                {"{}", "on"},
                {"{\"on\":\"yes\"}", "on"},
                {"{\"on\":false,\"until\":\"" + Instant.now().minusSeconds(5) + "\"}", "until"},
                {"{\"on\":false,\"until\":\"tomorrow\"}", "until"},
                {"{\"on\":false,\"until\":\"" + Instant.now().plus(Duration.ofDays(400)) + "\"}", "until"},
                {"{\"on\":false,\"for\":60}", "for"},
                {"[true]", "body"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send("PUT", "/api/v1/display/power", c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asString()).as(c[0])
                    .isEqualTo(c[1]);
        }
        assertThat(sendAs(null, "PUT", "/api/v1/display/power", "{\"on\":false}").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/display/power").body()).isEqualTo(before);
        assertThat(getJson("/api/v1/display").path("power").path("on").asBoolean()).isTrue();
    }

    @Test
    void aNotificationIsShownOverTheRotationThenTheRotationGoesOn() throws Exception {
        HttpResponse<String> accepted = send("POST", "/api/v1/display/notify",
                "{\"text\":\"Ding dong\",\"color\":\"#ffcc00\",\"duration\":2}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode note = json.readTree(accepted.body());
        assertThat(note.path("text").asString()).isEqualTo("Ding dong");
        assertThat(note.path("duration").asInt()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "notification".equals(getJson("/api/v1/display").path("reason").asString()));
        assertThat(getJson("/api/v1/display").path("notification").path("text").asString()).isEqualTo("Ding dong");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "rotation".equals(getJson("/api/v1/display").path("reason").asString()));
    }

    @Test
    void badNotificationsAreRefusedNamingTheField() throws Exception {
        String[][] cases = {
                {"{}", "text"},
                {"{\"text\":\"  \"}", "text"},
                {"{\"text\":\"" + "x".repeat(501) + "\"}", "text"},
                {"{\"text\":\"hi\",\"color\":\"yellow\"}", "color"},
                {"{\"text\":\"hi\",\"duration\":0}", "duration"},
                {"{\"text\":\"hi\",\"duration\":\"long\"}", "duration"},
                {"{\"text\":\"hi\",\"repeat\":0}", "repeat"},
                {"{\"text\":\"hi\",\"scroll\":\"yes\"}", "scroll"},
                {"{\"text\":\"hi\",\"icon\":\"bell\"}", "icon"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send("POST", "/api/v1/display/notify", c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asString()).as(c[0])
                    .isEqualTo(c[1]);
        }
        assertThat(sendAs(null, "POST", "/api/v1/display/notify", "{\"text\":\"hi\"}").statusCode()).isEqualTo(401);
        assertThat(getJson("/api/v1/display").path("notificationsWaiting").asInt()).isZero();
    }

    private boolean frameIsBlack() throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/display/frame.png?scale=1")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body()));
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
