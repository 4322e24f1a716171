package dev.ledmatrix.plugin;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly time window as users write it: {@code {"days":["mon","tue"],"from":"06:30","to":"23:00"}}. A window whose
 * {@code to} is not after its {@code from} crosses midnight and belongs to the day it starts on; {@code "24:00"} is
 * the end of the day. Left-out days mean every day. The wall-clock times are read in a time zone by whoever
 * evaluates the window (display schedules, instance {@code activeWindows}). Not validated on construction, so an
 * API can list every mistake at once: see {@link #violations}.
 *
 * @param days the days it starts on: {@code mon} ... {@code sun}; null means every day
 * @param from start, {@code HH:MM} (00:00-23:59)
 * @param to   end, {@code HH:MM} (00:00-24:00)
 */
public record TimeWindow(List<String> days, String from, String to) {

    static final int DAY = 24 * 60;
    static final int WEEK = 7 * DAY;
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public TimeWindow {
        days = days == null ? null : List.copyOf(days.stream().map(d -> d == null ? "" : d).toList());
    }

    /** Every mistake in this window, fields named under {@code path} (such as {@code on[1]}). */
    public List<ConfigViolation> violations(String path) {
        List<ConfigViolation> errors = new ArrayList<>();
        if (days != null) {
            if (days.isEmpty()) {
                errors.add(new ConfigViolation(path + ".days", "must name at least one day (or be left out for every day)"));
            }
            for (int i = 0; i < days.size(); i++) {
                if (!DAY_NAMES.contains(days.get(i).toLowerCase(Locale.ROOT))) {
                    errors.add(new ConfigViolation(path + ".days[" + i + "]", "must be one of " + DAY_NAMES
                            + ", got '" + days.get(i) + "'"));
                }
            }
        }
        Integer start = minutes(from);
        Integer end = minutes(to);
        if (from == null) {
            errors.add(new ConfigViolation(path + ".from", "is required (HH:MM)"));
        } else if (start == null || start >= DAY) {
            errors.add(new ConfigViolation(path + ".from", "must be a time HH:MM from 00:00 to 23:59, got '" + from + "'"));
        }
        if (to == null) {
            errors.add(new ConfigViolation(path + ".to", "is required (HH:MM)"));
        } else if (end == null) {
            errors.add(new ConfigViolation(path + ".to", "must be a time HH:MM from 00:00 to 24:00, got '" + to + "'"));
        } else if (start != null && end.intValue() == start.intValue()) {
            errors.add(new ConfigViolation(path + ".to", "must differ from from (" + from + "); "
                    + "for the whole day write 00:00 to 24:00"));
        }
        return errors;
    }

    /** The days it starts on. Only for a valid window. */
    public Set<DayOfWeek> dayOfWeeks() {
        if (days == null) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String d : days) {
            set.add(DayOfWeek.of(DAY_NAMES.indexOf(d.toLowerCase(Locale.ROOT)) + 1));
        }
        return set;
    }

    /** Minute of the day it starts, 0-1439. Only for a valid window. */
    public int fromMinute() {
        return minutes(from);
    }

    /** How long it lasts in wall-clock minutes (1-1440): past midnight when {@code to} is not after {@code from}. */
    public int lengthMinutes() {
        int end = minutes(to);
        int start = fromMinute();
        return end > start ? end - start : DAY - start + end;
    }

    /** Short human form, such as {@code mon,tue 22:00-06:00}. */
    public String describe() {
        String which = days == null ? "every day" : String.join(",", days);
        return which + " " + from + "-" + to;
    }

    /**
     * Windows of one list must not overlap: the first overlap found, as a violation naming the later window
     * ({@code path[i]}) and the earlier one it overlaps, or none. Compared on the weekly wall-clock grid, so a window
     * crossing Sunday midnight meets Monday's windows. Only for valid windows.
     */
    public static List<ConfigViolation> overlaps(List<TimeWindow> windows, String path) {
        int[] owner = new int[WEEK];
        for (int i = 0; i < windows.size(); i++) {
            TimeWindow w = windows.get(i);
            for (DayOfWeek day : w.dayOfWeeks()) {
                int start = (day.getValue() - 1) * DAY + w.fromMinute();
                for (int m = 0; m < w.lengthMinutes(); m++) {
                    int slot = (start + m) % WEEK;
                    if (owner[slot] != 0) {
                        int other = owner[slot] - 1;
                        String at = DayOfWeek.of(slot / DAY + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                                + String.format(Locale.ROOT, " %02d:%02d", (slot % DAY) / 60, slot % 60);
                        return List.of(new ConfigViolation(path + "[" + i + "]", "overlaps " + path + "[" + other
                                + "] (" + windows.get(other).describe() + ") on " + at
                                + "; windows of one list must not overlap"));
                    }
                    owner[slot] = i + 1;
                }
            }
        }
        return List.of();
    }

    private static Integer minutes(String hhmm) {
        if (hhmm == null) {
            return null;
        }
        Matcher m = TIME.matcher(hhmm);
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h == 24 && min != 0) {
            return null;
        }
        return h * 60 + min;
    }
}
