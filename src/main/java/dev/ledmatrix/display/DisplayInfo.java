package dev.ledmatrix.display;

/**
 * What the display is doing.
 *
 * @param width         pixels across
 * @param height        pixels down
 * @param backend       the panel in use: {@code emulator} or {@code native}
 * @param brightness    1-100
 * @param fps           frames per second measured over the last second
 * @param targetFps     {@code ledmatrix.display.fps}
 * @param currentPlugin the plugin on screen, or null
 * @param pinned        the pin in force, or null
 * @param framesPushed  frames sent to the panel since start (identical frames are not sent again)
 * @param panelProblem  why the configured panel is not in use, or null
 */
public record DisplayInfo(int width, int height, String backend, int brightness, double fps, int targetFps,
        String currentPlugin, Pin pinned, long framesPushed, String panelProblem) {
}
