package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/**
 * Notifications in the order they arrived: the first is shown for its length, then the next. One that has waited
 * longer than {@link #MAX_WAIT} without being shown (the panel was off or pinned meanwhile) is dropped: a doorbell
 * ringing an hour ago is no news. Thread-safe: the API adds, the render thread shows.
 */
final class Notifications {

    static final int MAX_WAITING = 16;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /** The notification on screen and when it came on. */
    record Showing(Notification notification, Instant since, Instant until) {
    }

    private final ArrayDeque<Notification> waiting = new ArrayDeque<>();
    private Showing showing;
    private long ids;

    synchronized Notification add(NotificationRequest request, Instant now) {
        if (waiting.size() >= MAX_WAITING) {
            throw new NotificationQueueFull(waiting.size());
        }
        Notification n = new Notification(++ids, request.text(), request.color() == null ? "#ffffff" : request.color(),
                request.duration() == null ? NotificationRequest.DEFAULT_DURATION : request.duration(),
                Boolean.TRUE.equals(request.scroll()), request.repeat(), now);
        waiting.addLast(n);
        return n;
    }

    /**
     * The notification to show at {@code now}, starting the next one when the last is over, or null when there is
     * none. {@code lengthOf} says how long each one stays.
     */
    synchronized Showing show(Instant now, Function<Notification, Duration> lengthOf) {
        if (showing != null && !now.isBefore(showing.until())) {
            showing = null;
        }
        while (showing == null && !waiting.isEmpty()) {
            Notification next = waiting.removeFirst();
            if (!now.isAfter(next.queuedAt().plus(MAX_WAIT))) {
                showing = new Showing(next, now, now.plus(lengthOf.apply(next)));
            }
        }
        return showing;
    }

    /** The one showing, without starting another. */
    synchronized Showing showing() {
        return showing;
    }

    /** Drops the waiting ones that have waited too long, while none can be shown. */
    synchronized void expire(Instant now) {
        waiting.removeIf(n -> now.isAfter(n.queuedAt().plus(MAX_WAIT)));
    }

    synchronized List<Notification> waiting() {
        return List.copyOf(waiting);
    }
}
