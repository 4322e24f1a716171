package dev.ledmatrix.display.panel;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel the service runs with and why: the configured backend, or the emulator when the native panel
 * cannot be opened (the service keeps running and health reports the problem).
 */
record PanelSelection(Panel panel, PanelStatus status) {

    private static final Logger log = LoggerFactory.getLogger(PanelSelection.class);

    static PanelSelection select(PanelProperties properties, Supplier<HostFacts> host) {
        properties.requireValid();
        String requested = properties.requestedBackend();
        if (!requested.equals(PanelProperties.NATIVE)) {
            return emulator(properties, requested, null);
        }
        try {
            Panel panel = NativePanel.open(properties, host.get());
            return new PanelSelection(panel, new PanelStatus(requested, panel.backend(), null));
        } catch (NativePanelException e) {
            return emulator(properties, requested, e.getMessage());
        } catch (LinkageError e) {
            // e.g. no FFM linker on this platform (32-bit ARM JDK without the fallback linker)
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return emulator(properties, requested, "the native binding cannot run on this JVM: " + cause);
        } catch (RuntimeException e) {
            // Whatever went wrong in the binding, the display must go on.
            return emulator(properties, requested, "native panel failed to open: " + e);
        }
    }

    private static PanelSelection emulator(PanelProperties properties, String requested, String problem) {
        if (problem != null) {
            log.warn("The native LED panel is not available, running on the emulator instead: {}", problem);
        }
        Panel panel = new EmulatorPanel(properties);
        return new PanelSelection(panel, new PanelStatus(requested, panel.backend(), problem));
    }
}
