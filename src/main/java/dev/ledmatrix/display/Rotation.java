package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which plugin is on screen: the pinned one while its pin lasts and it can be shown, otherwise each
 * plugin in order for its display duration, skipping those that cannot be shown now. When a pin ends (by itself
 * or by an unpin) the pinned plugin's turn ends with it and the rotation goes on with the plugin after it. Pure
 * logic on the times it is given; used only by the render thread.
 */
final class Rotation {

    private String current;
    private Instant since;
    private boolean pinned;

    /** The plugin to show at {@code now}, or null when none can be shown. */
    String choose(Instant now, List<String> order, Predicate<String> showable, Function<String, Duration> durationOf,
            Pin pin) {
        if (pin != null && pin.activeAt(now) && showable.test(pin.pluginId())) {
            if (!pin.pluginId().equals(current)) {
                switchTo(pin.pluginId(), now);
            }
            pinned = true;
            return current;
        }
        boolean turnOver = pinned || current == null || !showable.test(current)
                || !now.isBefore(since.plus(durationOf.apply(current)));
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

    /** When the plugin on screen came on screen. */
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

    private static String nextAfter(String current, List<String> order, Predicate<String> showable) {
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
