package dev.ledmatrix.display;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.TreeSet;

import dev.ledmatrix.plugin.TimeWindow;

/**
 * Weekly windows on the time line of a zone. Each window occurs once on each of its days, from its start that day
 * to its end (the next day when it crosses midnight). A wall-clock edge that does not exist (the hour skipped when
 * clocks go forward) takes effect at the first instant after the gap; one that exists twice (the hour repeated when
 * clocks go back) at its first occurrence. Pure functions of their arguments.
 */
final class WeeklyWindows {

    /** How far back an occurrence can start and still cover an instant: one day (windows last at most 24 h). */
    private static final int DAYS_BACK = 1;
    /** How far ahead a change is looked for: a week and a day covers every weekly pattern. */
    private static final int DAYS_AHEAD = 8;

    private WeeklyWindows() {
    }

    /** The instant a wall-clock time of {@code date} takes effect in {@code zone}. */
    static Instant resolve(LocalDate date, int minuteOfDay, ZoneId zone) {
        LocalDateTime local = date.atStartOfDay().plusMinutes(minuteOfDay);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            return rules.getTransition(local).getInstant(); // in a gap: when the clocks jumped past it
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant(); // overlap: the earlier offset, first occurrence
    }

    static Instant start(TimeWindow w, LocalDate date, ZoneId zone) {
        return resolve(date, w.fromMinute(), zone);
    }

    static Instant end(TimeWindow w, LocalDate date, ZoneId zone) {
        int endMinute = w.fromMinute() + w.lengthMinutes();
        return resolve(date.plusDays(endMinute / (24 * 60)), endMinute % (24 * 60), zone);
    }

    /** The window of the list that covers {@code now}, or -1. */
    static int indexAt(List<TimeWindow> windows, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int back = 0; back <= DAYS_BACK; back++) {
            LocalDate date = today.minusDays(back);
            DayOfWeek day = date.getDayOfWeek();
            for (int i = 0; i < windows.size(); i++) {
                TimeWindow w = windows.get(i);
                if (w.dayOfWeeks().contains(day) && !now.isBefore(start(w, date, zone)) && now.isBefore(end(w, date, zone))) {
                    return i;
                }
            }
        }
        return -1;
    }

    static boolean contains(List<TimeWindow> windows, ZoneId zone, Instant now) {
        return indexAt(windows, zone, now) >= 0;
    }

    /** The first instant after {@code now} at which the time line enters or leaves the windows, or null if none within a week. */
    static Instant nextChange(List<TimeWindow> windows, ZoneId zone, Instant now) {
        return nextChange(windows, zone, now, false);
    }

    /**
     * The first instant after {@code now} at which the window covering the time line changes (entering, leaving, or
     * passing from one window straight into another), or null if none within the next week.
     */
    static Instant nextWindowChange(List<TimeWindow> windows, ZoneId zone, Instant now) {
        return nextChange(windows, zone, now, true);
    }

    private static Instant nextChange(List<TimeWindow> windows, ZoneId zone, Instant now, boolean byWindow) {
        if (windows.isEmpty()) {
            return null;
        }
        TreeSet<Instant> edges = new TreeSet<>();
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int d = -DAYS_BACK; d <= DAYS_AHEAD; d++) {
            LocalDate date = today.plusDays(d);
            for (TimeWindow w : windows) {
                if (w.dayOfWeeks().contains(date.getDayOfWeek())) {
                    edges.add(start(w, date, zone));
                    edges.add(end(w, date, zone));
                }
            }
        }
        int current = key(indexAt(windows, zone, now), byWindow);
        for (Instant edge : edges.tailSet(now, false)) {
            if (key(indexAt(windows, zone, edge), byWindow) != current) {
                return edge;
            }
        }
        return null;
    }

    private static int key(int index, boolean byWindow) {
        return byWindow ? index : (index >= 0 ? 0 : -1);
    }
}
