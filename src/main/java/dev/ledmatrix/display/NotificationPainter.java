package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;

/**
 * Draws a notification: centred when it fits and is not asked to scroll, otherwise scrolling in from the right at
 * {@link #SPEED} pixels per second. Also knows how long one stays: its duration, or {@code repeat} scroll-throughs.
 */
final class NotificationPainter {

    /** Pixels per second, as the text plugin's default. */
    static final double SPEED = 30;

    private final int width;
    private final int height;

    NotificationPainter(int width, int height) {
        this.width = width;
        this.height = height;
    }

    boolean scrolls(Notification n) {
        return n.scroll() || Font.MEDIUM.bitmap().textWidth(n.text()) > width;
    }

    Duration length(Notification n) {
        if (n.repeat() != null && scrolls(n)) {
            long millis = (long) Math.ceil(n.repeat() * travel(n) * 1000 / SPEED);
            Duration d = Duration.ofMillis(millis);
            return d.compareTo(NotificationRequest.MAX_DURATION) > 0 ? NotificationRequest.MAX_DURATION : d;
        }
        return n.duration();
    }

    void paint(Canvas canvas, Notification n, Instant since, Instant now) {
        canvas.clear();
        Color color = Color.parse(n.color());
        int textWidth = Font.MEDIUM.bitmap().textWidth(n.text());
        int baseline = (height + Font.MEDIUM.bitmap().baseline()) / 2;
        if (!scrolls(n)) {
            canvas.drawText(Font.MEDIUM, (width - textWidth) / 2, baseline, color, n.text());
            return;
        }
        long millis = Duration.between(since, now).toMillis();
        int offset = (int) Math.floorMod((long) (millis * SPEED / 1000.0), (long) travel(n));
        canvas.drawText(Font.MEDIUM, width - offset, baseline, color, n.text());
    }

    private int travel(Notification n) {
        return width + Font.MEDIUM.bitmap().textWidth(n.text());
    }
}
