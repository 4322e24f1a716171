package dev.ledmatrix.display;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why the panel shows what it shows. */
public enum ScreenReason {
    /** The next plugin in rotation order. */
    ROTATION("rotation"),
    /** A pinned plugin. */
    PINNED("pinned"),
    /** A plugin with live priority that has live content now. */
    LIVE("live"),
    /** A notification (POST /display/notify). */
    NOTIFICATION("notification"),
    /** Black: outside the schedule's on-windows. */
    SCHEDULE_OFF("schedule-off"),
    /** The rotation, shown because a manual power-on overrides the schedule's off state. */
    OVERRIDE("override"),
    /** Black: switched off by hand (PUT /display/power). */
    POWER_OFF("power-off");

    private final String json;

    ScreenReason(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
