package dev.ledmatrix.display;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ledmatrix.plugin.ConfigViolation;

/**
 * A one-off message to show over the rotation. Like Awtrix's notifications: {@code duration} says how long it stays;
 * a scrolling text with {@code repeat} instead stays until it has scrolled through that many times.
 *
 * @param text     the message, 1-500 characters (required)
 * @param color    {@code #rrggbb}; default white
 * @param duration seconds on screen, 1-3600; default 10
 * @param scroll   scroll even when the text fits (text wider than the panel always scrolls); default false
 * @param repeat   for a scrolling text: scroll through this many times (1-100), instead of {@code duration}
 */
public record NotificationRequest(String text, String color, Duration duration, Boolean scroll, Integer repeat) {

    public static final int MAX_TEXT = 500;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    /** Every mistake, each naming its field. */
    public List<ConfigViolation> violations() {
        List<ConfigViolation> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add(new ConfigViolation("text", "is required and must not be blank"));
        } else if (text.length() > MAX_TEXT) {
            errors.add(new ConfigViolation("text", "must be at most " + MAX_TEXT + " characters, got " + text.length()));
        }
        if (color != null && !color.matches("#[0-9a-fA-F]{6}")) {
            errors.add(new ConfigViolation("color", "must be #rrggbb, got '" + color + "'"));
        }
        if (duration != null && (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0)) {
            errors.add(new ConfigViolation("duration", "must be between 1 and " + MAX_DURATION.toSeconds() + " seconds"));
        }
        if (repeat != null && (repeat < 1 || repeat > 100)) {
            errors.add(new ConfigViolation("repeat", "must be between 1 and 100, got " + repeat));
        }
        return errors;
    }
}
