package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.plugin.ConfigViolation;
import dev.ledmatrix.plugin.TimeWindow;

/**
 * Weekly windows on the real time line of Europe/Berlin: across midnight, across both daylight-saving changes of
 * 2026 (clocks forward on 29 March at 02:00, back on 25 October at 03:00), and how overlaps are refused.
 */
class WeeklyWindowsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static TimeWindow window(String from, String to, String... days) {
        return new TimeWindow(days.length == 0 ? null : List.of(days), from, to);
    }

    static Instant utc(String text) {
        return Instant.parse(text);
    }

    @Test
    void aWindowCrossingMidnightBelongsToTheDayItStartsOn() {
        List<TimeWindow> friNight = List.of(window("22:00", "02:00", "fri"));
        // Friday 4 December 2026, CET = UTC+1
        assertThat(WeeklyWindows.contains(friNight, BERLIN, utc("2026-12-04T20:59:59Z"))).isFalse();
        assertThat(WeeklyWindows.contains(friNight, BERLIN, utc("2026-12-04T21:00:00Z"))).isTrue();
        assertThat(WeeklyWindows.contains(friNight, BERLIN, utc("2026-12-05T00:30:00Z"))).as("Sat 01:30").isTrue();
        assertThat(WeeklyWindows.contains(friNight, BERLIN, utc("2026-12-05T01:00:00Z"))).as("Sat 02:00").isFalse();
        // Saturday night is not Friday's: the window does not start on Saturdays
        assertThat(WeeklyWindows.contains(friNight, BERLIN, utc("2026-12-05T21:30:00Z"))).isFalse();
        // Thursday 23:00 → Friday 01:00 is not in it either: only windows starting on a Friday
        assertThat(WeeklyWindows.contains(friNight, BERLIN, utc("2026-12-04T00:00:00Z"))).isFalse();

        assertThat(WeeklyWindows.nextChange(friNight, BERLIN, utc("2026-12-04T12:00:00Z")))
                .isEqualTo(utc("2026-12-04T21:00:00Z"));
        assertThat(WeeklyWindows.nextChange(friNight, BERLIN, utc("2026-12-04T21:00:00Z")))
                .isEqualTo(utc("2026-12-05T01:00:00Z"));
        assertThat(WeeklyWindows.nextChange(friNight, BERLIN, utc("2026-12-05T01:00:00Z")))
                .as("a week later").isEqualTo(utc("2026-12-11T21:00:00Z"));
    }

    @Test
    void aWeekendWindowUntilHalfPastMidnight() {
        List<TimeWindow> on = List.of(window("06:30", "23:00", "mon", "tue", "wed", "thu", "fri"),
                window("08:00", "00:30", "sat", "sun"));
        // Sunday 6 December 23:45 CET: Sunday's window runs to Monday 00:30
        assertThat(WeeklyWindows.contains(on, BERLIN, utc("2026-12-06T22:45:00Z"))).isTrue();
        assertThat(WeeklyWindows.nextChange(on, BERLIN, utc("2026-12-06T22:45:00Z")))
                .isEqualTo(utc("2026-12-06T23:30:00Z"));
        assertThat(WeeklyWindows.nextChange(on, BERLIN, utc("2026-12-06T23:30:00Z")))
                .as("Monday 06:30").isEqualTo(utc("2026-12-07T05:30:00Z"));
    }

    @Test
    void anEdgeInTheSkippedHourTakesEffectWhenTheClocksJump() {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00Z; 02:30 does not exist
        List<TimeWindow> w = List.of(window("02:30", "06:00", "sun"));
        assertThat(WeeklyWindows.contains(w, BERLIN, utc("2026-03-29T00:59:59Z"))).isFalse();
        assertThat(WeeklyWindows.contains(w, BERLIN, utc("2026-03-29T01:00:00Z"))).as("03:00 CEST").isTrue();
        assertThat(WeeklyWindows.nextChange(w, BERLIN, utc("2026-03-28T23:00:00Z"))).isEqualTo(utc("2026-03-29T01:00:00Z"));
        assertThat(WeeklyWindows.nextChange(w, BERLIN, utc("2026-03-29T01:00:00Z"))).as("06:00 CEST")
                .isEqualTo(utc("2026-03-29T04:00:00Z"));

        // an end in the gap: off at the jump
        List<TimeWindow> late = List.of(window("22:00", "02:15", "sat"));
        assertThat(WeeklyWindows.nextChange(late, BERLIN, utc("2026-03-28T22:00:00Z"))).isEqualTo(utc("2026-03-29T01:00:00Z"));
        assertThat(WeeklyWindows.contains(late, BERLIN, utc("2026-03-29T00:59:00Z"))).isTrue();
        assertThat(WeeklyWindows.contains(late, BERLIN, utc("2026-03-29T01:00:00Z"))).isFalse();
    }

    @Test
    void anEdgeInTheRepeatedHourTakesEffectAtItsFirstOccurrence() {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and again at 01:30Z
        List<TimeWindow> w = List.of(window("02:30", "04:00", "sun"));
        assertThat(WeeklyWindows.contains(w, BERLIN, utc("2026-10-25T00:29:59Z"))).isFalse();
        assertThat(WeeklyWindows.contains(w, BERLIN, utc("2026-10-25T00:30:00Z"))).as("first 02:30").isTrue();
        assertThat(WeeklyWindows.contains(w, BERLIN, utc("2026-10-25T01:30:00Z"))).as("second 02:30").isTrue();
        assertThat(WeeklyWindows.nextChange(w, BERLIN, utc("2026-10-25T00:30:00Z"))).as("04:00 CET")
                .isEqualTo(utc("2026-10-25T03:00:00Z"));

        // an end in the repeated hour: off at its first occurrence, not on again at the second
        List<TimeWindow> night = List.of(window("20:00", "02:30", "sat"));
        assertThat(WeeklyWindows.nextChange(night, BERLIN, utc("2026-10-24T20:00:00Z"))).isEqualTo(utc("2026-10-25T00:30:00Z"));
        assertThat(WeeklyWindows.contains(night, BERLIN, utc("2026-10-25T00:45:00Z"))).isFalse();
        assertThat(WeeklyWindows.contains(night, BERLIN, utc("2026-10-25T01:45:00Z"))).isFalse();
    }

    @Test
    void theLongNightOfTheClockChangeLastsAnHourLonger() {
        List<TimeWindow> w = List.of(window("00:00", "24:00", "sun"));
        Instant start = WeeklyWindows.start(w.getFirst(), java.time.LocalDate.of(2026, 10, 25), BERLIN);
        Instant end = WeeklyWindows.end(w.getFirst(), java.time.LocalDate.of(2026, 10, 25), BERLIN);
        assertThat(java.time.Duration.between(start, end)).hasHours(25);
    }

    @Test
    void overlappingWindowsOfOneListAreRefusedNamingBoth() {
        List<ConfigViolation> v = TimeWindow.overlaps(List.of(window("06:00", "12:00", "mon"),
                window("13:00", "14:00", "mon"), window("10:00", "11:00", "tue", "mon")), "on");
        assertThat(v).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("on[2]");
            assertThat(e.message()).contains("overlaps on[0]").contains("Mon 10:00");
        });
        // across midnight, and across the end of the week
        assertThat(TimeWindow.overlaps(List.of(window("22:00", "02:00", "sun"), window("01:00", "03:00", "mon")), "dim"))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("dim[1]"));
        // touching is not overlapping
        assertThat(TimeWindow.overlaps(List.of(window("06:00", "12:00", "mon"), window("12:00", "13:00", "mon"),
                window("22:00", "06:00", "sun")), "on")).isEmpty();
    }

    @Test
    void badWindowsAreRefusedFieldByField() {
        assertThat(window("7:00", "24:30", "funday").violations("on[0]")).extracting(ConfigViolation::field)
                .containsExactly("on[0].days[0]", "on[0].from", "on[0].to");
        assertThat(window("06:00", "06:00").violations("dim[3]")).extracting(ConfigViolation::field)
                .containsExactly("dim[3].to");
        assertThat(new TimeWindow(List.of(), null, "10:00").violations("w")).extracting(ConfigViolation::field)
                .containsExactly("w.days", "w.from");
        assertThat(window("00:00", "24:00").violations("ok")).isEmpty();
        assertThat(window("23:00", "00:00", "SAT").violations("ok")).isEmpty();
    }
}
