package dev.ledmatrix.plugin.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Facts for one update attempt.
 *
 * @param timeout  how long this attempt may take; e.g. give a network call this as its own timeout
 * @param deadline when the attempt will be interrupted
 * @param clock    the service's clock
 */
public record UpdateContext(Duration timeout, Instant deadline, Clock clock) {
}
