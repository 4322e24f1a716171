package dev.ledmatrix.display;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.ledmatrix.plugin.ConfigViolation;
import dev.ledmatrix.plugin.TimeWindow;

/**
 * When the panel is on and how bright, week by week. No on-windows: always on. Outside every dim window the manual
 * brightness applies.
 *
 * @param timeZone the zone the windows are read in, such as {@code Europe/Berlin}; null: {@code ledmatrix.time-zone}
 * @param on       when the panel is on
 * @param dim      brightness by time
 */
public record Schedule(String timeZone, List<TimeWindow> on, List<DimWindow> dim) {

    public static final Schedule ALWAYS_ON = new Schedule(null, List.of(), List.of());
    static final int MAX_WINDOWS = 50;

    public Schedule {
        on = on == null ? List.of() : List.copyOf(on);
        dim = dim == null ? List.of() : List.copyOf(dim);
    }

    /** Every mistake, each naming its field ({@code timeZone}, {@code on[2].from}, {@code dim[0]} ...). */
    public List<ConfigViolation> violations() {
        List<ConfigViolation> errors = new ArrayList<>();
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new ConfigViolation("timeZone", "is not a known time zone id (such as Europe/Berlin), got '"
                        + timeZone + "'"));
            }
        }
        if (on.size() > MAX_WINDOWS) {
            errors.add(new ConfigViolation("on", "may hold at most " + MAX_WINDOWS + " windows"));
        }
        if (dim.size() > MAX_WINDOWS) {
            errors.add(new ConfigViolation("dim", "may hold at most " + MAX_WINDOWS + " windows"));
        }
        for (int i = 0; i < on.size(); i++) {
            if (on.get(i) == null) {
                errors.add(new ConfigViolation("on[" + i + "]", "must be a window object"));
            } else {
                errors.addAll(on.get(i).violations("on[" + i + "]"));
            }
        }
        for (int i = 0; i < dim.size(); i++) {
            if (dim.get(i) == null) {
                errors.add(new ConfigViolation("dim[" + i + "]", "must be a window object"));
            } else {
                errors.addAll(dim.get(i).violations("dim[" + i + "]"));
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(TimeWindow.overlaps(on, "on"));
            errors.addAll(TimeWindow.overlaps(dim.stream().map(DimWindow::window).toList(), "dim"));
        }
        return errors;
    }

    /** The zone in effect: its own, or {@code fallback}. Only for a valid schedule. */
    ZoneId zone(ZoneId fallback) {
        return timeZone == null ? fallback : ZoneId.of(timeZone);
    }
}
