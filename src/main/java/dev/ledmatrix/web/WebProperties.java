package dev.ledmatrix.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledmatrix.web.*}: the limits that keep careless or hostile clients on the LAN from exhausting a Pi.
 *
 * @param maxStreamClients most open connections per SSE stream; one more is answered 503 with Retry-After
 * @param streamLifetime   how long one SSE connection lives before the server ends it (the browser's EventSource
 *                         reconnects by itself), so no connection is held forever
 * @param maxPngRenders    PNG encodings of {@code frame.png} at once; one more is answered 503 with Retry-After
 * @param maxPngPixels     largest {@code frame.png} in pixels (width × height after scaling)
 */
@ConfigurationProperties("ledmatrix.web")
record WebProperties(@DefaultValue("64") int maxStreamClients, @DefaultValue("30m") Duration streamLifetime,
        @DefaultValue("2") int maxPngRenders, @DefaultValue("4194304") int maxPngPixels) {

    WebProperties {
        if (maxStreamClients < 1 || maxStreamClients > 10_000) {
            throw new IllegalArgumentException("ledmatrix.web.max-stream-clients must be between 1 and 10000, got "
                    + maxStreamClients);
        }
        if (streamLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ledmatrix.web.stream-lifetime must be at least 1s, got "
                    + streamLifetime);
        }
        if (maxPngRenders < 1 || maxPngRenders > 64) {
            throw new IllegalArgumentException("ledmatrix.web.max-png-renders must be between 1 and 64, got "
                    + maxPngRenders);
        }
        if (maxPngPixels < 1024) {
            throw new IllegalArgumentException("ledmatrix.web.max-png-pixels must be at least 1024, got "
                    + maxPngPixels);
        }
    }
}
