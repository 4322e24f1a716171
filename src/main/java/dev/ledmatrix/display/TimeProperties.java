package dev.ledmatrix.display;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledmatrix.time-zone} and {@code ledmatrix.clock-sync-file}.
 *
 * @param timeZone      the zone schedules and display windows are read in unless a schedule names its own; default
 *                      the system's
 * @param clockSyncFile a file whose existence says the system clock is synchronized (systemd-timesyncd's flag)
 */
@ConfigurationProperties("ledmatrix")
public record TimeProperties(ZoneId timeZone,
        @DefaultValue("/run/systemd/timesync/synchronized") Path clockSyncFile) {

    public ZoneId zone() {
        return timeZone == null ? ZoneId.systemDefault() : timeZone;
    }
}
