package dev.ledmatrix.display;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the system clock can be trusted for schedules. A Pi has no battery-backed clock: until it has synchronized
 * it may read any time at all. Plausible means: not earlier than the service was built, or systemd-timesyncd says it
 * synchronized (its flag file exists). Once plausible it stays so; until then it is checked again every few seconds.
 */
final class ClockSync {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final Clock clock;
    private final Instant notBefore;
    private final Path syncFile;
    private volatile boolean synced;
    private volatile Instant checkedAt;

    ClockSync(Clock clock, Instant notBefore, Path syncFile) {
        this.clock = clock;
        this.notBefore = notBefore;
        this.syncFile = syncFile;
    }

    boolean synced() {
        if (synced) {
            return true;
        }
        Instant now = clock.instant();
        Instant last = checkedAt;
        if (last == null || !now.isBefore(last.plus(RECHECK)) || now.isBefore(last)) {
            checkedAt = now;
            synced = !now.isBefore(notBefore) || (syncFile != null && Files.exists(syncFile));
        }
        return synced;
    }

    /** Why the schedule is held, for health. */
    String explanation() {
        return "the system clock reads " + clock.instant() + ", earlier than this build (" + notBefore
                + "), and " + (syncFile == null ? "no synchronization flag is configured"
                        : syncFile + " does not exist") + ": schedules wait for the clock to be set";
    }
}
