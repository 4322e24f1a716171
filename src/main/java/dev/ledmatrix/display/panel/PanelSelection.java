package dev.ledmatrix.display.panel;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel the service runs with and why: the configured backend, or the emulator when the native panel
 * cannot be opened (the service keeps running and health reports the problem). The native panel is opened
 * in three steps: the options (invalid ones stop startup, SPEC section 2), the board and its devices
 * ({@link PanelPreflight}, for clear advice), and a trial run in a child JVM ({@link PanelProbe}, the
 * guarantee); only a setup that survived the trial is loaded into this process.
 */
record PanelSelection(Panel panel, PanelStatus status) {

    private static final Logger log = LoggerFactory.getLogger(PanelSelection.class);

    static PanelSelection select(PanelProperties properties, Supplier<HostFacts> host) {
        return select(properties, host, PanelProbe::run);
    }

    static PanelSelection select(PanelProperties properties, Supplier<HostFacts> hostFacts,
            Function<PanelProperties, PanelProbe.Outcome> probe) {
        properties.requireValid();
        String requested = properties.requestedBackend();
        if (!requested.equals(PanelProperties.NATIVE)) {
            return emulator(properties, requested, null, null);
        }
        HostFacts host = hostFacts.get();
        Optional<String> problem = PanelPreflight.problem(properties, host);
        if (problem.isPresent()) {
            return emulator(properties, requested, problem.get(), null);
        }
        PanelProbe.Outcome trial = probe.apply(properties);
        if (!trial.opened()) {
            return emulator(properties, requested, trial.problem(), trial.libraryOutput());
        }
        try {
            Panel panel = NativePanel.open(properties, host);
            return new PanelSelection(panel, new PanelStatus(requested, panel.backend(), null));
        } catch (NativePanelException e) {
            return emulator(properties, requested, e.getMessage(), trial.libraryOutput());
        } catch (LinkageError e) {
            // e.g. no FFM linker on this platform (32-bit ARM JDK without the fallback linker)
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return emulator(properties, requested, "the native binding cannot run on this JVM: " + cause, null);
        } catch (RuntimeException e) {
            // Whatever went wrong in the binding, the display must go on.
            return emulator(properties, requested, "native panel failed to open: " + e, null);
        }
    }

    private static PanelSelection emulator(PanelProperties properties, String requested, String problem,
            String libraryMessage) {
        if (problem != null) {
            log.warn("The native LED panel is not available, running on the emulator instead: {}", problem);
        }
        if (libraryMessage != null) {
            log.warn("librgbmatrix said:\n{}", libraryMessage);
        }
        Panel panel = new EmulatorPanel(properties);
        return new PanelSelection(panel, new PanelStatus(requested, panel.backend(), problem, libraryMessage));
    }
}
