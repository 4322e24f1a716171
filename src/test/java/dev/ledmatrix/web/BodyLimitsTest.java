package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ledmatrix.web.ApiClient.Reply;

/**
 * Oversized bodies of every content type, on every method and kind of path, with and without the token, with a
 * Content-Length and chunked (no length known up front): each is a 4xx problem (413 for the size; 401, 404, 405 or
 * 415 where those come first), never a 5xx, and changes nothing.
 */
class BodyLimitsTest extends EdgeApp {

    static final int OVER = 1024 * 1024 + 1;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        List<String> types = Arrays.asList("application/json", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "text/plain", "application/octet-stream", null);
        List<String> paths = List.of("/api/v1/plugins", "/api/v1/plugins/clock/config", "/api/v1/display/brightness",
                "/api/v1/events", "/actuator/health", "/api/v1/nowhere", "/");
        int n = 0;
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String type : types) {
                for (String path : paths) {
                    for (boolean chunked : List.of(false, true)) {
                        // With and without the token, alternating, so each path and type meets both.
                        all.add(Arguments.of(method, type, path, chunked, n++ % 3 != 0));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {2} {1} chunked={3} token={4}")
    @MethodSource("cases")
    void anOversizedBodyIsA4xxProblem(String method, String type, String path, boolean chunked, boolean token) {
        ApiClient client = token ? api : api.anonymous();
        byte[] body = body(type);
        HttpRequest.Builder request = client.request(path).method(method, chunked ? unknownLength(body)
                : BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        Reply reply = sendTolerant(client, request);
        if (reply == null) {
            return; // the server answered and closed before the whole body was sent: no 5xx either
        }
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at dev.ledmatrix");
        assertThat(api.get("/api/v1/plugins/clock").status()).isEqualTo(200);
    }

    /** A body of the kind the content type announces, one byte over the limit. */
    static byte[] body(String type) {
        String prefix = type == null ? "" : type.startsWith("application/x-www-form-urlencoded") ? "text="
                : type.startsWith("multipart") ? "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
                : type.equals("application/json") ? "{\"text\":\"" : "";
        byte[] bytes = new byte[OVER];
        Arrays.fill(bytes, (byte) 'a');
        System.arraycopy(prefix.getBytes(), 0, bytes, 0, prefix.length());
        return bytes;
    }

    /** The same bytes, but sent chunked: the server cannot know the size before it reads. */
    static BodyPublisher unknownLength(byte[] body) {
        BodyPublisher inner = BodyPublishers.ofByteArray(body);
        return new BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }

    /** The reply, or null when the server closed the connection while the client was still sending. */
    static Reply sendTolerant(ApiClient client, HttpRequest.Builder request) {
        try {
            return client.send(request);
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }
}
