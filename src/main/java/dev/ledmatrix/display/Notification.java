package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;

/**
 * A notification accepted for showing.
 *
 * @param id       its number, counting from 1 since the service started
 * @param text     the message
 * @param color    {@code #rrggbb}
 * @param duration how long it stays (unless {@code repeat} is set and it scrolls)
 * @param scroll   scrolls even when it fits
 * @param repeat   scroll-throughs it stays for, or null to use {@code duration}
 * @param queuedAt when it was accepted
 */
public record Notification(long id, String text, String color, Duration duration, boolean scroll, Integer repeat,
        Instant queuedAt) {
}
