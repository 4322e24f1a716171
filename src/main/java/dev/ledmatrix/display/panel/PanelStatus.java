package dev.ledmatrix.display.panel;

/**
 * Which panel backend was asked for and which one runs.
 *
 * @param requestedBackend {@code ledmatrix.panel.backend}
 * @param activeBackend    the backend actually in use
 * @param problem          why the requested backend is not in use; {@code null} when it is
 */
public record PanelStatus(String requestedBackend, String activeBackend, String problem) {

    public boolean degraded() {
        return problem != null;
    }
}
