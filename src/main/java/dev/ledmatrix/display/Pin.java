package dev.ledmatrix.display;

import java.time.Instant;

/**
 * A plugin held on screen instead of the rotation.
 *
 * @param pluginId the plugin
 * @param since    when it was pinned
 * @param until    when the pin ends by itself; null: until unpinned
 */
public record Pin(String pluginId, Instant since, Instant until) {

    boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
