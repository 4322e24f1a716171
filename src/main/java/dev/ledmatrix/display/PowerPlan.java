package dev.ledmatrix.display;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.ledmatrix.plugin.TimeWindow;

/**
 * Power and brightness at one instant, decided from the schedule, a manual override and whether the clock can be
 * trusted. A pure function: the same inputs always give the same answer, so it is tested with fixed instants.
 *
 * <ul>
 * <li>A manual override wins while it lasts: until its {@code until}, or with none until the first scheduled change
 * after it was set (never, without on-windows).</li>
 * <li>Otherwise the schedule: on inside an on-window (always, without any), off outside.</li>
 * <li>While the clock is not synchronized the schedule is held: the panel stays on and at its manual brightness,
 * since wall-clock windows mean nothing on a clock that may read 1970. A manual override still applies.</li>
 * <li>Brightness: inside a dim window its brightness, else the manual one.</li>
 * </ul>
 */
final class PowerPlan {

    private PowerPlan() {
    }

    /**
     * @param on               the panel shows content
     * @param offReason        why it is black ({@code SCHEDULE_OFF} or {@code POWER_OFF}), null when on
     * @param overridesSchedule a manual power-on is what keeps it on: the schedule says off
     * @param manual           a manual override is in force
     * @param until            when {@code on} changes next by itself, or null
     * @param brightness       the effective brightness
     * @param brightnessUntil  when the effective brightness may change next by itself, or null
     * @param held             the schedule is held because the clock is not synchronized
     */
    record State(boolean on, ScreenReason offReason, boolean overridesSchedule, boolean manual, Instant until,
            int brightness, Instant brightnessUntil, boolean held) {

        DisplayPower power() {
            return new DisplayPower(on, until, manual);
        }

        /** The earliest instant at which anything here may change by itself. */
        Instant validUntil() {
            return until == null ? brightnessUntil
                    : brightnessUntil == null || until.isBefore(brightnessUntil) ? until : brightnessUntil;
        }
    }

    static State at(Instant now, Schedule schedule, ZoneId zone, PowerOverride override, boolean clockSynced,
            int manualBrightness) {
        List<TimeWindow> on = clockSynced ? schedule.on() : List.of();
        boolean scheduledOn = on.isEmpty() || WeeklyWindows.contains(on, zone, now);
        Instant scheduledChange = WeeklyWindows.nextChange(on, zone, now);

        Instant overrideEnd = null;
        boolean manual = false;
        if (override != null) {
            overrideEnd = override.until() != null ? override.until()
                    : WeeklyWindows.nextChange(on, zone, override.setAt());
            manual = overrideEnd == null || now.isBefore(overrideEnd);
        }

        boolean isOn;
        Instant until;
        if (manual) {
            isOn = override.on();
            until = overrideEnd;
            if (until != null) {
                boolean after = on.isEmpty() || WeeklyWindows.contains(on, zone, until);
                if (after == isOn) { // the schedule agrees when the override ends: the next real change is later
                    until = WeeklyWindows.nextChange(on, zone, until);
                }
            }
        } else {
            isOn = scheduledOn;
            until = scheduledChange;
        }

        int brightness = manualBrightness;
        Instant brightnessUntil = null;
        if (clockSynced && !schedule.dim().isEmpty()) {
            List<TimeWindow> dim = schedule.dim().stream().map(DimWindow::window).toList();
            int index = WeeklyWindows.indexAt(dim, zone, now);
            if (index >= 0) {
                brightness = schedule.dim().get(index).brightness();
            }
            brightnessUntil = WeeklyWindows.nextWindowChange(dim, zone, now);
        }
        ScreenReason offReason = isOn ? null : manual ? ScreenReason.POWER_OFF : ScreenReason.SCHEDULE_OFF;
        return new State(isOn, offReason, manual && isOn && !scheduledOn, manual, until, brightness, brightnessUntil,
                !clockSynced && (!schedule.on().isEmpty() || !schedule.dim().isEmpty()));
    }
}
