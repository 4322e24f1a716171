package dev.ledmatrix.display;

import java.time.Instant;

/**
 * Whether the panel is on, and until when.
 *
 * @param on     the panel shows content (false: black frames; the render loop and the plugins keep running)
 * @param until  when this changes next by itself (the end of a manual override or the next scheduled change), or
 *               null when nothing is due to change it
 * @param manual a manual override (PUT /display/power) is in force, rather than the schedule
 */
public record DisplayPower(boolean on, Instant until, boolean manual) {
}
