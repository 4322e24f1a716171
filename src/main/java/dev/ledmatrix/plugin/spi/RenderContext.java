package dev.ledmatrix.plugin.spi;

import java.time.Instant;

/**
 * Facts for one frame.
 *
 * @param now         the frame's time
 * @param shownSince  when this plugin came on screen this time (for scrolling and animations)
 * @param frameNumber frames rendered by the display so far
 */
public record RenderContext(Instant now, Instant shownSince, long frameNumber) {
}
