package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.plugin.TimeWindow;

/** Power and brightness at given instants: schedule, manual override and its expiry, dim windows, clock hold. */
class PowerPlanTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Weekdays 06:30-23:00, weekends 08:00-00:30; dim 21:00-07:00 at 20 %
    static final Schedule SCHEDULE = new Schedule(null,
            List.of(new TimeWindow(List.of("mon", "tue", "wed", "thu", "fri"), "06:30", "23:00"),
                    new TimeWindow(List.of("sat", "sun"), "08:00", "00:30")),
            List.of(new DimWindow(null, "21:00", "07:00", 20)));

    // Tuesday 1 December 2026, CET = UTC+1
    static final Instant TUE_NOON = Instant.parse("2026-12-01T11:00:00Z");
    static final Instant TUE_2300 = Instant.parse("2026-12-01T22:00:00Z");
    static final Instant WED_0630 = Instant.parse("2026-12-02T05:30:00Z");
    static final Instant WED_2300 = Instant.parse("2026-12-02T22:00:00Z");

    static PowerPlan.State at(Instant now, PowerOverride override) {
        return PowerPlan.at(now, SCHEDULE, BERLIN, override, true, 80);
    }

    @Test
    void theScheduleSwitchesOnAndOffAndSaysWhenNext() {
        PowerPlan.State noon = at(TUE_NOON, null);
        assertThat(noon.on()).isTrue();
        assertThat(noon.manual()).isFalse();
        assertThat(noon.until()).isEqualTo(TUE_2300);
        assertThat(noon.brightness()).isEqualTo(80);

        PowerPlan.State night = at(TUE_2300, null);
        assertThat(night.on()).isFalse();
        assertThat(night.offReason()).isEqualTo(ScreenReason.SCHEDULE_OFF);
        assertThat(night.until()).isEqualTo(WED_0630);
    }

    @Test
    void dimWindowsSetAnAbsoluteBrightness() {
        PowerPlan.State evening = at(Instant.parse("2026-12-01T20:30:00Z"), null); // 21:30
        assertThat(evening.brightness()).isEqualTo(20);
        assertThat(evening.brightnessUntil()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(PowerPlan.at(TUE_NOON, SCHEDULE, BERLIN, null, true, 5).brightness()).as("manual 5").isEqualTo(5);
        assertThat(PowerPlan.at(Instant.parse("2026-12-01T20:30:00Z"), SCHEDULE, BERLIN, null, true, 5).brightness())
                .as("absolute, not a share of the manual one").isEqualTo(20);
    }

    @Test
    void anOverrideUntilATimeHoldsUntilThenAndExpires() {
        Instant until = TUE_NOON.plusSeconds(120);
        PowerOverride off = new PowerOverride(false, until, TUE_NOON);
        PowerPlan.State during = at(TUE_NOON.plusSeconds(60), off);
        assertThat(during.on()).isFalse();
        assertThat(during.offReason()).isEqualTo(ScreenReason.POWER_OFF);
        assertThat(during.manual()).isTrue();
        assertThat(during.until()).isEqualTo(until);

        PowerPlan.State after = at(until, off);
        assertThat(after.on()).isTrue();
        assertThat(after.manual()).isFalse();
        assertThat(after.until()).isEqualTo(TUE_2300);
    }

    @Test
    void anOverrideWithoutUntilHoldsUntilTheNextScheduledChange() {
        // switched on at 23:30 on Tuesday, when the schedule says off: on until the schedule says on anyway (06:30),
        // so the next real change is Wednesday 23:00
        Instant setAt = TUE_2300.plusSeconds(1800);
        PowerOverride on = new PowerOverride(true, null, setAt);
        PowerPlan.State night = at(setAt.plusSeconds(60), on);
        assertThat(night.on()).isTrue();
        assertThat(night.manual()).isTrue();
        assertThat(night.overridesSchedule()).isTrue();
        assertThat(night.until()).isEqualTo(WED_2300);

        PowerPlan.State morning = at(WED_0630.plusSeconds(1), on);
        assertThat(morning.manual()).as("expired at the scheduled change").isFalse();
        assertThat(morning.on()).isTrue();
        assertThat(morning.overridesSchedule()).isFalse();

        // switched off at noon: off until 23:00, when the schedule says off anyway: then until Wednesday 06:30
        PowerOverride off = new PowerOverride(false, null, TUE_NOON);
        assertThat(at(TUE_NOON.plusSeconds(5), off).until()).isEqualTo(WED_0630);
        assertThat(at(TUE_2300.plusSeconds(5), off).manual()).isFalse();
    }

    @Test
    void withoutASchedulePowerOffWithoutUntilHoldsForGood() {
        PowerPlan.State s = PowerPlan.at(TUE_NOON, Schedule.ALWAYS_ON, BERLIN,
                new PowerOverride(false, null, TUE_NOON.minusSeconds(86_400 * 30)), true, 80);
        assertThat(s.on()).isFalse();
        assertThat(s.offReason()).isEqualTo(ScreenReason.POWER_OFF);
        assertThat(s.until()).isNull();
    }

    @Test
    void anUnsynchronizedClockHoldsTheScheduleButNotAManualOverride() {
        Instant bogus = Instant.parse("1970-01-01T00:00:10Z");
        PowerPlan.State held = PowerPlan.at(bogus, SCHEDULE, BERLIN, null, false, 80);
        assertThat(held.on()).isTrue(); // 01:00 on a Thursday in 1970 would be off
        assertThat(held.held()).isTrue();
        assertThat(held.brightness()).as("no dimming either").isEqualTo(80);
        assertThat(held.until()).isNull();

        PowerPlan.State off = PowerPlan.at(bogus, SCHEDULE, BERLIN, new PowerOverride(false, null, bogus), false, 80);
        assertThat(off.on()).isFalse();
        assertThat(off.offReason()).isEqualTo(ScreenReason.POWER_OFF);
    }
}
