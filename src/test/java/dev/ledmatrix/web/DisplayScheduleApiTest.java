package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The schedule, the rotation order and PATCH of instances over real HTTP: applied live, persisted, and every bad
 * input refused with a problem naming the field, changing nothing.
 */
class DisplayScheduleApiTest extends LiveApp {

    private static String day(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    @Test
    void aScheduleIsValidatedPersistedAndAppliedLive() throws Exception {
        // on only on the day after tomorrow (UTC): off now
        String other = day(LocalDate.now(ZoneOffset.UTC).plusDays(2));
        String schedule = "{\"timeZone\":\"UTC\",\"on\":[{\"days\":[\"" + other + "\"],\"from\":\"00:00\",\"to\":\"24:00\"}],"
                + "\"dim\":[{\"from\":\"00:00\",\"to\":\"24:00\",\"brightness\":7}]}";
        try {
            HttpResponse<String> put = send("PUT", "/api/v1/display/schedule", schedule);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(getJson("/api/v1/display/schedule").path("on").get(0).path("days").get(0).asString())
                    .isEqualTo(other);
            assertThat(Files.readString(DATA_DIR.resolve("display-schedule.json"))).contains(other);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "schedule-off".equals(getJson("/api/v1/display").path("reason").asString()));
            JsonNode display = getJson("/api/v1/display");
            assertThat(display.path("effectiveBrightness").asInt()).isEqualTo(7);
            assertThat(display.path("brightness").asInt()).as("manual brightness unchanged").isNotEqualTo(7);
            assertThat(display.path("timeZone").asString()).isEqualTo("UTC");
            assertThat(display.path("nextChangeAt").isNull()).isFalse();
            assertThat(display.path("power").path("on").asBoolean()).isFalse();
            assertThat(display.path("fps").asDouble()).as("the render loop keeps running").isPositive();
        } finally {
            assertThat(send("PUT", "/api/v1/display/schedule", "{}").statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "rotation".equals(getJson("/api/v1/display").path("reason").asString()));
    }

    @Test
    void badSchedulesAreRefusedNamingTheWindowAndChangeNothing() throws Exception {
        String before = get("/api/v1/display/schedule").body();
        String[][] cases = {
                {"{\"on\":[{\"days\":[\"mon\"],\"from\":\"06:00\",\"to\":\"12:00\"},"
                        + "{\"days\":[\"mon\"],\"from\":\"11:00\",\"to\":\"13:00\"}]}", "on[1]"},
                {"{\"dim\":[{\"from\":\"21:00\",\"to\":\"07:00\",\"brightness\":20},"
                        + "{\"from\":\"06:00\",\"to\":\"08:00\",\"brightness\":50}]}", "dim[1]"},
                {"{\"timeZone\":\"Mars/Olympus\"}", "timeZone"},
                {"{\"on\":[{\"from\":\"6:00\",\"to\":\"12:00\"}]}", "on[0].from"},
                {"{\"on\":[{\"from\":\"06:00\",\"to\":\"25:00\"}]}", "on[0].to"},
                {"{\"on\":[{\"days\":[\"monday\"],\"from\":\"06:00\",\"to\":\"12:00\"}]}", "on[0].days[0]"},
                {"{\"dim\":[{\"from\":\"21:00\",\"to\":\"07:00\"}]}", "dim[0].brightness"},
                {"{\"dim\":[{\"from\":\"21:00\",\"to\":\"07:00\",\"brightness\":0}]}", "dim[0].brightness"},
                {"{\"on\":[{\"from\":\"06:00\",\"to\":\"12:00\",\"until\":\"x\"}]}", "on[0].until"},
                {"{\"on\":{\"from\":\"06:00\"}}", "on"},
                {"{\"off\":[]}", "off"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send("PUT", "/api/v1/display/schedule", c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("errors").get(0).path("field").asString()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(sendAs(null, "PUT", "/api/v1/display/schedule", "{}").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/display/schedule").body()).isEqualTo(before);
    }

    @Test
    void theRotationOrderIsReadAndSetAtRuntime() throws Exception {
        JsonNode order = getJson("/api/v1/display/rotation").path("order");
        assertThat(order.toString()).contains("\"clock\"").contains("\"message\"");
        try {
            HttpResponse<String> put = send("PUT", "/api/v1/display/rotation", "{\"order\":[\"message\",\"clock\"]}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            JsonNode now = json.readTree(put.body()).path("order");
            assertThat(now.get(0).asString()).isEqualTo("message");
            assertThat(now.get(1).asString()).isEqualTo("clock");
            assertThat(Files.readString(DATA_DIR.resolve("rotation-order.json"))).contains("message");

            String before = get("/api/v1/display/rotation").body();
            String[][] cases = {
                    {"{\"order\":[\"clock\",\"nope\"]}", "order[1]"},
                    {"{\"order\":[\"clock\",\"clock\"]}", "order[1]"},
                    {"{\"order\":\"clock\"}", "order"},
                    {"{\"ids\":[]}", "ids"},
            };
            for (String[] c : cases) {
                HttpResponse<String> response = send("PUT", "/api/v1/display/rotation", c[0]);
                assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asString()).as(c[0])
                        .isEqualTo(c[1]);
            }
            assertThat(get("/api/v1/display/rotation").body()).isEqualTo(before);
        } finally {
            send("PUT", "/api/v1/display/rotation", "{\"order\":[]}");
        }
    }

    @Test
    void patchChangesSchedulingAndDisplayFieldsLiveAndPersistsThem() throws Exception {
        String today = day(LocalDate.now(ZoneOffset.UTC));
        try {
            HttpResponse<String> patched = send("PATCH", "/api/v1/plugins/message", "{\"displayDuration\":20,"
                    + "\"livePriority\":true,\"maxDisplayDuration\":90,\"updateInterval\":600,"
                    + "\"activeWindows\":[{\"days\":[\"" + today + "\"],\"from\":\"00:00\",\"to\":\"24:00\"}]}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            JsonNode message = getJson("/api/v1/plugins/message");
            assertThat(message.path("displayDuration").asInt()).isEqualTo(20);
            assertThat(message.path("livePriority").asBoolean()).isTrue();
            assertThat(message.path("maxDisplayDuration").asInt()).isEqualTo(90);
            assertThat(message.path("updateInterval").asInt()).isEqualTo(600);
            assertThat(message.path("activeWindows").get(0).path("from").asString()).isEqualTo("00:00");
            assertThat(message.path("config").path("text").isMissingNode()).as("config untouched").isFalse();
            String file = Files.readString(DATA_DIR.resolve("plugins/message.json"));
            assertThat(file).contains("\"livePriority\" : true").contains("\"maxDisplayDuration\" : 90");

            // only what is present changes; null is the default again
            assertThat(send("PATCH", "/api/v1/plugins/message", "{\"maxDisplayDuration\":null}").statusCode())
                    .isEqualTo(200);
            message = getJson("/api/v1/plugins/message");
            assertThat(message.path("maxDisplayDuration").asInt()).isEqualTo(180);
            assertThat(message.path("displayDuration").asInt()).isEqualTo(20);
        } finally {
            send("PATCH", "/api/v1/plugins/message", "{\"displayDuration\":null,\"livePriority\":false,"
                    + "\"maxDisplayDuration\":null,\"updateInterval\":null,\"activeWindows\":null}");
        }
        assertThat(getJson("/api/v1/plugins/message").path("activeWindows").size()).isZero();
    }

    @Test
    void badPatchesAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
        String before = Files.readString(DATA_DIR.resolve("plugins/clock.json"));
        String[][] cases = {
                {"{\"displayDuration\":0}", "displayDuration"},
                {"{\"updateInterval\":\"1m\"}", "updateInterval"},
                {"{\"updateTimeout\":99999}", "updateTimeout"},
                {"{\"maxDisplayDuration\":-1}", "maxDisplayDuration"},
                {"{\"livePriority\":\"yes\"}", "livePriority"},
                {"{\"config\":{}}", "config"},
                {"{\"enabled\":false}", "enabled"},
                {"{\"colour\":\"red\"}", "colour"},
                {"{\"activeWindows\":{}}", "activeWindows"},
                {"{\"activeWindows\":[{\"from\":\"7\",\"to\":\"09:00\"}]}", "activeWindows[0].from"},
                {"{\"activeWindows\":[{\"days\":\"mon\",\"from\":\"07:00\",\"to\":\"09:00\"}]}", "activeWindows[0].days"},
                {"{\"activeWindows\":[{\"from\":\"07:00\",\"to\":\"09:00\"},{\"from\":\"08:00\",\"to\":\"10:00\"}]}",
                        "activeWindows[1]"},
                {"[1]", "body"},
                {"{\"displayDuration\":", "body"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send("PATCH", "/api/v1/plugins/clock", c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asString()).as(c[0])
                    .isEqualTo(c[1]);
        }
        assertThat(send("PATCH", "/api/v1/plugins/nope", "{\"displayDuration\":5}").statusCode()).isEqualTo(404);
        assertThat(sendAs(null, "PATCH", "/api/v1/plugins/clock", "{\"displayDuration\":5}").statusCode())
                .isEqualTo(401);
        assertThat(Files.readString(DATA_DIR.resolve("plugins/clock.json"))).isEqualTo(before);
        assertThat(getJson("/api/v1/plugins/clock").path("displayDuration").asInt()).isEqualTo(15);
    }

    @Test
    void aDisplayWindowKeepsAnInstanceOffScreenOutsideIt() {
        String other = day(LocalDate.now(ZoneOffset.UTC).plusDays(3));
        assertThat(send("PUT", "/api/v1/display/schedule", "{\"timeZone\":\"UTC\"}").statusCode()).isEqualTo(200);
        try {
            assertThat(send("PATCH", "/api/v1/plugins/clock", "{\"activeWindows\":[{\"days\":[\"" + other
                    + "\"],\"from\":\"00:00\",\"to\":\"24:00\"}]}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> "message".equals(getJson("/api/v1/display").path("currentPlugin").asString()));
            for (int i = 0; i < 5; i++) {
                assertThat(getJson("/api/v1/display").path("currentPlugin").asString()).isEqualTo("message");
            }
        } finally {
            send("PATCH", "/api/v1/plugins/clock", "{\"activeWindows\":null}");
            send("PUT", "/api/v1/display/schedule", "{}");
        }
    }
}
