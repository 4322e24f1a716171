package dev.ledmatrix.state;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What went wrong with a plugin, kept beside its state. Immutable, so every copy handed out is safe.
 *
 * <p>The seed's error dict has {@code error, error_type, timestamp}; the recoverable-failure path of
 * fix #316 adds the retry facts. Fields that do not apply are left out of JSON.
 *
 * @param error               a message a user can act on
 * @param errorType           the exception's simple class name (or a short kind such as {@code Timeout})
 * @param timestamp           when it happened
 * @param recoverable         true when the service retries by itself; false when a user must act
 * @param consecutiveFailures failed updates in a row (recoverable failures only)
 * @param nextAttemptAt       when the next update is due (recoverable failures only)
 * <p>An update that ignores interruption is reported apart, as {@link StateInfo#hungUpdateSince()}: it outlives
 * every change of state, while error info is cleared by leaving a state, as in the seed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorInfo(
        String error,
        String errorType,
        Instant timestamp,
        Boolean recoverable,
        Integer consecutiveFailures,
        Instant nextAttemptAt) {

    public ErrorInfo {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The seed's error info for an exception: message, type and time. */
    public static ErrorInfo of(Throwable error, Instant timestamp) {
        return new ErrorInfo(messageOf(error), error.getClass().getSimpleName(), timestamp, null, null, null);
    }

    /** A failure that needs a user: a missing type, an invalid config, a failing constructor. */
    public static ErrorInfo permanent(String error, String errorType, Instant timestamp) {
        return new ErrorInfo(error, errorType, timestamp, false, null, null);
    }


    /**
     * The message of an exception as the seed's {@code str(error)} gives it; Java exceptions often
     * have no message, so the class name stands in rather than an empty string.
     */
    public static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
