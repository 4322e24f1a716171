package dev.ledmatrix.web;

import java.time.Duration;

/**
 * A deliberate limit was reached (a stream's viewer cap, PNG renders at once): answered 503 with
 * {@code Retry-After}, the one 5xx this API gives on purpose.
 */
final class LoadShedException extends RuntimeException {

    private final Duration retryAfter;

    LoadShedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
