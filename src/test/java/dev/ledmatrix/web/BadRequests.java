package dev.ledmatrix.web;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The table of {@link BadRequestApiTest}: one bad request per row, with what must come back. */
final class BadRequests {

    private BadRequests() {
    }

    static final int MIB = 1024 * 1024;

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

    static Stream<Bad> all() {
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
