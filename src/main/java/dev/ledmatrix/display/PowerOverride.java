package dev.ledmatrix.display;

import java.time.Instant;

/**
 * A manual power setting, as persisted in {@code <data-dir>/display-power.json}.
 *
 * @param on    on or off
 * @param until when it ends; null: at the first scheduled change after {@code setAt} (never, without a schedule)
 * @param setAt when it was set
 */
record PowerOverride(boolean on, Instant until, Instant setAt) {
}
