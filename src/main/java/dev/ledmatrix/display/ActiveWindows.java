package dev.ledmatrix.display;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.TimeWindow;

/**
 * Whether an instance's {@code activeWindows} let it be shown now, in the display's zone. Each answer is kept until
 * the windows next change, so the render thread does no calendar work on most frames. Like the schedule, windows
 * are not applied while the clock is not synchronized. Render thread only.
 */
final class ActiveWindows {

    private record Entry(List<TimeWindow> windows, ZoneId zone, Instant at, Instant until, boolean allowed) {
    }

    private final DisplaySettings settings;
    private final Map<String, Entry> cache = new HashMap<>();

    ActiveWindows(DisplaySettings settings) {
        this.settings = settings;
    }

    boolean allow(InstanceSpec spec, Instant now) {
        List<TimeWindow> windows = spec.activeWindows();
        if (windows.isEmpty() || !settings.clockSynced()) {
            return true;
        }
        ZoneId zone = settings.zone();
        Entry e = cache.get(spec.id());
        if (e != null && e.windows().equals(windows) && e.zone().equals(zone) && !now.isBefore(e.at())
                && (e.until() == null || now.isBefore(e.until()))) {
            return e.allowed();
        }
        boolean allowed = WeeklyWindows.contains(windows, zone, now);
        if (cache.size() > 10_000) {
            cache.clear(); // ids of deleted instances pile up only this far
        }
        cache.put(spec.id(), new Entry(windows, zone, now, WeeklyWindows.nextChange(windows, zone, now), allowed));
        return allowed;
    }
}
