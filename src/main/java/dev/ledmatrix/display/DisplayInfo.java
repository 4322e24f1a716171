package dev.ledmatrix.display;

import java.time.Instant;

/**
 * What the display is doing.
 *
 * @param width               pixels across
 * @param height              pixels down
 * @param backend             the panel in use: {@code emulator} or {@code native}
 * @param brightness          the manual brightness, 1-100 (PUT /display/brightness)
 * @param effectiveBrightness the brightness in effect: a dim window's, or the manual one
 * @param fps                 frames per second measured over the last second
 * @param targetFps           {@code ledmatrix.display.fps}
 * @param currentPlugin       the plugin on screen, or null
 * @param pinned              the pin in force, or null
 * @param framesPushed        frames sent to the panel since start (identical frames are not sent again)
 * @param panelProblem        why the configured panel is not in use, or null
 * @param reason              why the panel shows what it shows
 * @param nextChangeAt        when that changes next by itself, as far as is known now, or null
 * @param power               on or off, until when, and whether by hand
 * @param notification        the notification on screen, or null
 * @param notificationsWaiting notifications waiting their turn
 * @param scheduleHeld        the schedule waits for the system clock to be synchronized
 * @param timeZone            the zone schedules and display windows are read in
 */
public record DisplayInfo(int width, int height, String backend, int brightness, int effectiveBrightness, double fps,
        int targetFps, String currentPlugin, Pin pinned, long framesPushed, String panelProblem, ScreenReason reason,
        Instant nextChangeAt, DisplayPower power, Notification notification, int notificationsWaiting,
        boolean scheduleHeld, String timeZone) {
}
