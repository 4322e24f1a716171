package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ledmatrix.web.ApiClient.Reply;

/**
 * JSON bodies are bound strictly: no float to whole number truncation, no string to number or boolean coercion,
 * no number to string, and unknown properties are refused by name. Each is a 400 problem naming the field, and
 * nothing changes.
 */
class StrictJsonTest extends EdgeApp {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PUT  | /api/v1/display/brightness | {"brightness": 50.7}                          | brightness
            PUT  | /api/v1/display/brightness | {"brightness": 50.0}                          | brightness
            PUT  | /api/v1/display/brightness | {"brightness": "50"}                          | brightness
            PUT  | /api/v1/display/brightness | {"brightness": true}                          | brightness
            PUT  | /api/v1/display/brightness | {"brightness": 1e2}                           | brightness
            PUT  | /api/v1/display/brightness | {"brightness": 50, "level": 3}                | level
            PUT  | /api/v1/display/brightness | {"Brightness": 50}                            | Brightness
            POST | /api/v1/display/pin        | {"pluginId": "clock", "duration": "60"}       | duration
            POST | /api/v1/display/pin        | {"pluginId": "clock", "duration": "PT1M"}     | duration
            POST | /api/v1/display/pin        | {"pluginId": 5}                               | pluginId
            POST | /api/v1/display/pin        | {"pluginId": "clock", "until": 5}             | until
            POST | /api/v1/plugins            | {"id": "x1", "type": "text", "enabled": "true"} | enabled
            POST | /api/v1/plugins            | {"id": "x1", "type": "text", "enabled": 1}    | enabled
            POST | /api/v1/plugins            | {"id": "x1", "type": "text", "updateInterval": "60"} | updateInterval
            POST | /api/v1/plugins            | {"id": "x1", "type": "text", "displayDuration": "PT15S"} | displayDuration
            POST | /api/v1/plugins            | {"id": 12, "type": "text"}                    | id
            POST | /api/v1/plugins            | {"id": "x1", "type": ["text"]}                | type
            POST | /api/v1/plugins            | {"id": "x1", "type": "text", "interval": 5}   | interval
            POST | /api/v1/plugins            | {"id": "x1", "type": "text", "config": {"text": 5}} | config.text
            """)
    void aWrongTypeOrUnknownFieldIsA400NamingIt(String method, String path, String body, String field) {
        int brightness = api.get("/api/v1/display").json().path("brightness").asInt();
        Reply reply = api.exchange(method, path, "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString(body));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        java.util.List<String> named = new java.util.ArrayList<>();
        reply.json().path("errors").forEach(e -> named.add(e.path("field").asString()));
        assertThat(named).as(reply.toString()).contains(field);
        assertThat(api.get("/api/v1/display").json().path("brightness").asInt()).isEqualTo(brightness);
        assertThat(api.get("/api/v1/plugins/x1").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/display").json().path("pinned").isNull()).isTrue();
    }
}
