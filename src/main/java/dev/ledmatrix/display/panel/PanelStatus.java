package dev.ledmatrix.display.panel;

/**
 * Which panel backend was asked for and which one runs.
 *
 * @param requestedBackend {@code ledmatrix.panel.backend}
 * @param activeBackend    the backend actually in use
 * @param problem          why the requested backend is not in use, in the user's words; {@code null} when it is
 * @param libraryMessage   what librgbmatrix itself printed when it refused or ended a trial run (its last
 *                         lines); {@code null} when it printed nothing or was not involved
 */
public record PanelStatus(String requestedBackend, String activeBackend, String problem, String libraryMessage) {

    public PanelStatus(String requestedBackend, String activeBackend, String problem) {
        this(requestedBackend, activeBackend, problem, null);
    }

    public boolean degraded() {
        return problem != null;
    }
}
