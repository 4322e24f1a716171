package dev.ledmatrix.display.panel;

import java.util.List;

/**
 * Turns what librgbmatrix printed before it gave up or ended a trial run into advice: which device, which
 * property, what to change. The phrases are the library's own (upstream cf60d08); an unknown message is
 * passed on as it is, so a library version with other words still explains itself.
 */
final class LibraryMessages {

    private LibraryMessages() {
    }

    /** Advice for the library's output, or null when the output is not one of the known cases. */
    static String hint(String output, PanelProperties p) {
        if (output == null) {
            return null;
        }
        String mapping = PanelOptionsCheck.mapping(p.hardwareMapping()).orElse(p.hardwareMapping());
        if (output.contains("There is no hardware mapping named")) {
            return mapping.equals("compute-module")
                    ? "this librgbmatrix was built without the compute-module mapping: rebuild it with"
                            + " DEFINES+=-DENABLE_WIDE_GPIO_COMPUTE_MODULE enabled in lib/Makefile (docs/install-pi.md,"
                            + " 'Compute Module'), or set ledmatrix.panel.hardware-mapping to a mapping it has"
                    : "this librgbmatrix has no hardware mapping '" + mapping + "'; set"
                            + " ledmatrix.panel.hardware-mapping to one it lists";
        }
        if (output.contains("No PIO state machines are available")) {
            return "every state machine of the Pi 5's PIO block (/dev/pio0) is taken by another program, typically"
                    + " another LED matrix process or an earlier instance of this service that is still running;"
                    + " stop it and restart the service";
        }
        if (output.contains("Failed to open PIO device") || output.contains("Opening /dev/pio0 failed")) {
            return "/dev/pio0 cannot be opened: on a Pi 5 the library drives the panel through it. It belongs to"
                    + " group gpio on Raspberry Pi OS: systemd: SupplementaryGroups=gpio; Docker: start with"
                    + " docker/compose.pi5.yaml (devices: /dev/pio0, group_add: the host's gpio group id)";
        }
        if (output.contains("could not map RP1 GPIO registers")) {
            return "ledmatrix.panel.rp1-rio=true needs /dev/gpiomem0 (group gpio): systemd: SupplementaryGroups=gpio;"
                    + " Docker: add docker/compose.pi5-rio.yaml; or set ledmatrix.panel.rp1-rio=false to use /dev/pio0";
        }
        if (output.contains("Need root")) {
            return "hardware pulsing with hardware-mapping=" + mapping + " needs the PWM registers through /dev/mem:"
                    + " set ledmatrix.panel.disable-hardware-pulsing=true, or run as root with CAP_SYS_RAWIO and"
                    + " /dev/mem (docs/install-pi.md, 'Hardware pulsing')";
        }
        if (output.contains("snd_bcm2835")) {
            return "the Pi's sound driver snd_bcm2835 is loaded: turn on-board audio off (dtparam=audio=off) or set"
                    + " ledmatrix.panel.disable-hardware-pulsing=true";
        }
        if (output.contains("RP1 backend is available, but this configuration is not supported")
                || output.contains("RIO backend was requested")) {
            return "the Pi 5 backends support hardware-mapping regular, regular-pi1 (PIO only), classic, adafruit-hat"
                    + " and adafruit-hat-pwm with row-address-type 0 or 2; change ledmatrix.panel.hardware-mapping or"
                    + " ledmatrix.panel.row-address-type";
        }
        if (output.contains("Must run as root to be able to access /dev/mem")) {
            return "the library could not reach the GPIO pins: give the service /dev/gpiomem (group gpio; Docker:"
                    + " docker/compose.pi4.yaml) on a Pi 1-4, /dev/pio0 (docker/compose.pi5.yaml) on a Pi 5";
        }
        if (output.contains("parallel chain")) {
            return "ledmatrix.panel.parallel is more than hardware-mapping=" + mapping + " supports in this library";
        }
        if (output.contains("Assertion")) {
            return "the library rejected the panel geometry (ledmatrix.panel.rows, cols, chain-length, parallel,"
                    + " multiplexing, row-address-type) with a failed assertion";
        }
        return null;
    }

    /** ": the library's last words: ..." for the end of a problem message, or nothing. */
    static String lastWords(String output) {
        if (output == null) {
            return "";
        }
        // Two lines: the library often states the problem, then what is available or what to do.
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = String.join(" / ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
        return last.isEmpty() ? "" : ". The library's last message: \"" + last + "\"";
    }
}
