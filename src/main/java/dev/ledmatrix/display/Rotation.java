package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which plugin is on screen: the pinned one while its pin lasts and it can be shown, otherwise each
 * plugin in order for its display duration, skipping those that cannot be shown now. A plugin still in the middle of
 * its cycle (a message not yet scrolled through) keeps its turn past its duration, up to its cap. When a pin ends (by
 * itself or by an unpin) the pinned plugin's turn ends with it and the rotation goes on with the plugin after it.
 * While something else interrupts it (live content, a notification, the panel off) it is paused: when it resumes,
 * the plugin that was on screen finishes its turn where it left off. Pure logic on the times it is given; used only
 * by the render thread.
 */
final class Rotation {

    /** How long a turn may last and whether its plugin has finished its cycle. */
    interface Turns {
        Duration duration(String id);

        /** The longest a turn may last, cycle or not. */
        Duration cap(String id);

        /** Whether the plugin on screen has completed its cycle (true when it does not care). */
        boolean cycleComplete(String id);
    }

    private String current;
    private Instant since;
    private boolean pinned;
    private Instant pausedAt;

    /** The plugin to show at {@code now}, or null when none can be shown; turns are plain display durations. */
    String choose(Instant now, List<String> order, Predicate<String> showable, Function<String, Duration> durationOf,
            Pin pin) {
        return choose(now, order, showable, new Turns() {
            @Override
            public Duration duration(String id) {
                return durationOf.apply(id);
            }

            @Override
            public Duration cap(String id) {
                return durationOf.apply(id);
            }

            @Override
            public boolean cycleComplete(String id) {
                return true;
            }
        }, pin);
    }

    /** The plugin to show at {@code now}, or null when none can be shown. */
    String choose(Instant now, List<String> order, Predicate<String> showable, Turns turns, Pin pin) {
        resume(now);
        if (pin != null && pin.activeAt(now) && showable.test(pin.pluginId())) {
            if (!pin.pluginId().equals(current)) {
                switchTo(pin.pluginId(), now);
            }
            pinned = true;
            return current;
        }
        boolean turnOver = pinned || current == null || !showable.test(current) || turnOver(now, turns);
        pinned = false;
        if (!turnOver) {
            return current;
        }
        String next = nextAfter(current, order, showable);
        if (next == null) {
            current = null;
            since = null;
        } else if (!next.equals(current)) {
            switchTo(next, now);
        } else {
            since = now; // the only showable plugin: a new turn for it
        }
        return current;
    }

    /** When the current turn ends at the latest, if nothing interrupts it; null without a current plugin. */
    Instant turnEnds(Turns turns) {
        if (current == null || pinned) {
            return null;
        }
        Duration duration = turns.duration(current);
        Duration cap = turns.cap(current);
        Instant end = since.plus(duration);
        if (!turns.cycleComplete(current) && cap.compareTo(duration) > 0) {
            end = since.plus(cap);
        }
        return end;
    }

    private boolean turnOver(Instant now, Turns turns) {
        Duration duration = turns.duration(current);
        Duration cap = turns.cap(current);
        if (!now.isBefore(since.plus(cap))) {
            return true; // never past its cap
        }
        return !now.isBefore(since.plus(duration)) && turns.cycleComplete(current);
    }

    /** Something else takes the screen from {@code now}: the current turn stops its clock. */
    void pause(Instant now) {
        if (pausedAt == null) {
            pausedAt = now;
        }
    }

    private void resume(Instant now) {
        if (pausedAt != null) {
            if (since != null && now.isAfter(pausedAt)) {
                since = since.plus(Duration.between(pausedAt, now));
            }
            pausedAt = null;
        }
    }

    /** When the plugin on screen came on screen (shifted by the time the rotation was paused). */
    Instant since() {
        return since;
    }

    String current() {
        return current;
    }

    private void switchTo(String id, Instant now) {
        current = id;
        since = now;
    }

    static String nextAfter(String current, List<String> order, Predicate<String> showable) {
        int start = current == null ? -1 : order.indexOf(current);
        for (int i = 1; i <= order.size(); i++) {
            String candidate = order.get(Math.floorMod(start + i, order.size()));
            if (showable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
