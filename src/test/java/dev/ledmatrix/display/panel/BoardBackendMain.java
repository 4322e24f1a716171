package dev.ledmatrix.display.panel;

import dev.ledmatrix.graphics.Frame;

/**
 * The service's native backend without the rest of the service, for a child JVM on a simulated board: selects
 * the panel exactly as the service does (options, board rules, trial run, then in-process), pushes three
 * frames with lit pixels, closes the panel and prints what it ran on. Cheaper than a whole service start, for
 * the setups where what matters is that the panel opens and frames reach the library.
 */
final class BoardBackendMain {

    static final String RESULT = "board-backend: ";

    private BoardBackendMain() {
    }

    static void main(String[] args) {
        PanelSelection selection = PanelSelection.select(PanelProbe.decode(args), HostFacts::detect);
        Panel panel = selection.panel();
        for (int i = 1; i <= 3; i++) {
            byte[] rgb = new byte[panel.width() * panel.height() * 3];
            for (int p = 0; p < i * 10; p++) {
                rgb[3 * p] = (byte) 200; // i × 10 red pixels: every frame differs and is lit
            }
            panel.push(Frame.of(panel.width(), panel.height(), rgb));
        }
        panel.close();
        System.out.println(RESULT + "backend=" + panel.backend() + " size=" + panel.width() + "x" + panel.height()
                + " problem=" + selection.status().problem());
        System.exit(0);
    }
}
