package dev.ledmatrix.display.panel;

/** The native panel cannot be opened or cannot go on; the message says why and what to change. */
final class NativePanelException extends RuntimeException {

    NativePanelException(String message) {
        super(message);
    }
}
