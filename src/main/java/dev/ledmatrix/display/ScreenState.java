package dev.ledmatrix.display;

import java.time.Instant;

/**
 * What is on screen at one instant and why; the render loop carries it out and the API explains it.
 *
 * @param reason       why
 * @param pluginId     the plugin on screen, or null (black, or a notification)
 * @param notification the notification on screen, or null
 * @param since        when this plugin or notification came on screen (for scrolling), or null
 * @param nextChangeAt when what is on screen changes next by itself, as far as is known now, or null
 * @param power        power and brightness
 */
record ScreenState(ScreenReason reason, String pluginId, Notification notification, Instant since,
        Instant nextChangeAt, PowerPlan.State power) {

    boolean black() {
        return pluginId == null && notification == null;
    }

    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
