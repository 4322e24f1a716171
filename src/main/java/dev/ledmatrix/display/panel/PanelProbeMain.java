package dev.ledmatrix.display.panel;

import dev.ledmatrix.graphics.Frame;

/**
 * The child side of {@link PanelProbe}: opens the native panel with the options given as arguments, shows one
 * black frame (through the same set_image and swap-on-vsync calls the service uses), deletes the matrix and
 * reports on stdout. If the library ends this process instead, that is the answer. Public only because a
 * launcher (the executable jar's PropertiesLauncher) must be able to call it.
 */
public final class PanelProbeMain {

    private PanelProbeMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            PanelProperties properties = PanelProbe.decode(args);
            try (NativePanel panel = NativePanel.open(properties, HostFacts.detect())) {
                panel.push(Frame.black(panel.width(), panel.height()));
                System.out.println(PanelProbe.OPENED + panel.width() + "x" + panel.height());
            }
            status = 0;
        } catch (NativePanelException | IllegalArgumentException e) {
            System.out.println(PanelProbe.REFUSED + e.getMessage());
            status = PanelProbe.EXIT_REFUSED;
        } catch (Throwable t) {
            System.out.println(PanelProbe.REFUSED + "the binding failed: " + t);
            status = PanelProbe.EXIT_REFUSED;
        }
        System.out.flush();
        System.exit(status);
    }
}
