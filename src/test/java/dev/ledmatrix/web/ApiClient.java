package dev.ledmatrix.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for one running service: every request goes over loopback through Tomcat, the filters and
 * Spring Security, as a user's curl would. Requests carry the bearer token unless built {@link #anonymous()}.
 */
final class ApiClient {

    /** Generous: a request that takes this long means the service hung, which is what some tests look for. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String token;

    private ApiClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    static ApiClient of(int port, String token) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new ApiClient(http, URI.create("http://127.0.0.1:" + port), token);
    }

    ApiClient anonymous() {
        return new ApiClient(http, base, null);
    }

    ApiClient withToken(String other) {
        return new ApiClient(http, base, other);
    }

    HttpClient http() {
        return http;
    }

    URI uri(String rawPath) {
        return URI.create(base + rawPath);
    }

    /** A response, read whole. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path) {
        return send(request(path).POST(BodyPublishers.noBody()));
    }

    Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)), json);
    }

    Reply putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)), json);
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, body and content type (null: no Content-Type header). */
    Reply exchange(String method, String path, String contentType, BodyPublisher body) {
        HttpRequest.Builder builder = request(path).method(method, body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    HttpRequest.Builder request(String rawPath) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(rawPath)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Reply send(HttpRequest.Builder builder) {
        return send(builder, null);
    }

    /**
     * Sends the request and checks the exchange against the served OpenAPI document ({@link OpenApiContract}).
     *
     * @param json the JSON body sent, if any, so it can be checked too
     */
    Reply send(HttpRequest.Builder builder, String json) {
        try {
            HttpRequest request = builder.build();
            var response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
            OpenApiContract.of(base).check(request.method(), request.uri(), json, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
