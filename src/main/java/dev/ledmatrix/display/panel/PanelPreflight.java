package dev.ledmatrix.display.panel;

import static dev.ledmatrix.display.panel.HostFacts.DEV_GPIOMEM;
import static dev.ledmatrix.display.panel.HostFacts.DEV_GPIOMEM0;
import static dev.ledmatrix.display.panel.HostFacts.DEV_MEM;
import static dev.ledmatrix.display.panel.HostFacts.DEV_PIO0;

import java.util.Optional;
import java.util.Set;

/**
 * The board and permission rules of librgbmatrix (upstream cf60d08: gpio.cc, led-matrix.cc, lib/rp1/),
 * checked against {@link HostFacts} before the library is loaded, so that the usual problems get an answer in
 * the user's words: which device, which property, what to change. What the library does with these setups:
 * <ul>
 * <li>Pi 1-4: GPIO through /dev/mem, else /dev/gpiomem (neither: create returns NULL). Hardware pulsing uses
 * the PWM unit only for mappings whose output-enable is on GPIO 18 or 12 (regular, adafruit-hat-pwm,
 * regular-pi1, compute-module); its registers are reachable through /dev/mem only, and without them the
 * library calls exit(1). With the pulse generator and the sound driver snd_bcm2835 loaded: exit(1) as well.
 * <li>Pi 5: the RP1 backends, never the pulse generator (so no /dev/mem, root or sound-driver rule). PIO is
 * used when /dev/pio0 exists (mappings regular, regular-pi1, classic, adafruit-hat, adafruit-hat-pwm);
 * opening it fails with exit(1). RIO (rp1-rio=true) maps /dev/gpiomem0 (or /dev/mem) and aborts when it
 * cannot (mappings as PIO but regular-pi1). Row address types 0 and 2 only; otherwise create returns NULL.
 * </ul>
 * Nothing here is the guarantee that the service survives: {@link PanelProbe} is. These rules only turn
 * the known cases into clear advice before a trial run would be needed.
 */
final class PanelPreflight {

    /** Mappings whose output-enable sits on a PWM pin (GPIO 18 or 12): the only ones hardware pulsing affects. */
    static final Set<String> PULSE_ON_PWM_PIN = Set.of("regular", "adafruit-hat-pwm", "regular-pi1", "compute-module");
    static final Set<String> RP1_PIO_MAPPINGS = Set.of("regular", "regular-pi1", "classic", "adafruit-hat",
            "adafruit-hat-pwm");
    static final Set<String> RP1_RIO_MAPPINGS = Set.of("regular", "classic", "adafruit-hat", "adafruit-hat-pwm");

    private static final String DOCKER_PI5 = "Docker: start with docker/compose.pi5.yaml";
    private static final String DOCKER_PI4 = "Docker: start with docker/compose.pi4.yaml";

    private PanelPreflight() {
    }

    /** Why the library must not be loaded with these options on this machine; empty when it may be tried. */
    static Optional<String> problem(PanelProperties p, HostFacts host) {
        if (!host.raspberryPi()) {
            if (p.allowNonPi()) {
                return Optional.empty();
            }
            return Optional.of("not a Raspberry Pi (/proc/device-tree/model: "
                    + (host.model() == null ? "absent; in Docker add security_opt: systempaths=unconfined"
                            : "'" + host.model() + "'")
                    + "): the library would write to guessed GPIO addresses, so it is only loaded on a Pi"
                    + " (ledmatrix.panel.allow-non-pi=true is for test builds of the library)");
        }
        String mapping = PanelOptionsCheck.mapping(p.hardwareMapping()).orElse(p.hardwareMapping());
        return host.pi5() ? pi5(p, host, mapping) : bcm(p, host, mapping);
    }

    private static Optional<String> bcm(PanelProperties p, HostFacts host, String mapping) {
        boolean pulsing = !p.disableHardwarePulsing() && PULSE_ON_PWM_PIN.contains(mapping);
        if (!host.opens(DEV_MEM) && !host.opens(DEV_GPIOMEM)) {
            return Optional.of("the panel's GPIO pins cannot be reached: " + DEV_GPIOMEM + " "
                    + describe(host, DEV_GPIOMEM) + " and " + DEV_MEM + " " + describe(host, DEV_MEM) + ". "
                    + host.who() + " needs read-write access to " + DEV_GPIOMEM
                    + " (group gpio on Raspberry Pi OS). systemd: SupplementaryGroups=gpio; " + DOCKER_PI4
                    + " (devices: /dev/gpiomem, group_add: the host's gpio group id)");
        }
        if (pulsing && !host.opens(DEV_MEM)) {
            return Optional.of("hardware pulsing (the default) with hardware-mapping=" + mapping
                    + " drives the panel's output-enable from the Pi's PWM unit, whose registers are only reachable"
                    + " through " + DEV_MEM + ", and " + DEV_MEM + " " + describe(host, DEV_MEM) + " for "
                    + host.who() + "; the library would end the process. Either set"
                    + " ledmatrix.panel.disable-hardware-pulsing=true (a little more flicker), or give the service "
                    + DEV_MEM + ": root with CAP_SYS_RAWIO (systemd: see docs/install-pi.md, 'Hardware pulsing';"
                    + " Docker: add docker/compose.pi4-pulsing.yaml)");
        }
        if (pulsing && host.loadedModules().stream().anyMatch(m -> m.startsWith("snd_bcm2835"))) {
            return Optional.of("the Pi's sound driver snd_bcm2835 is loaded, and the library refuses hardware"
                    + " pulsing next to it (it would end the process). Turn on-board audio off (dtparam=audio=off in"
                    + " /boot/firmware/config.txt, then reboot) or set ledmatrix.panel.disable-hardware-pulsing=true");
        }
        return Optional.empty();
    }

    private static Optional<String> pi5(PanelProperties p, HostFacts host, String mapping) {
        int rowAddressType = p.rowAddressType() == null ? 0 : p.rowAddressType();
        boolean addressOk = rowAddressType == 0 || rowAddressType == 2;
        boolean pioPlatform = host.exists(DEV_PIO0);
        boolean rioPlatform = host.exists(DEV_GPIOMEM0) || host.exists(DEV_MEM);
        boolean useRio = p.rp1Rio() && rioPlatform && addressOk && RP1_RIO_MAPPINGS.contains(mapping);
        boolean usePio = !useRio && pioPlatform && addressOk && RP1_PIO_MAPPINGS.contains(mapping);
        if (!addressOk) {
            return Optional.of("ledmatrix.panel.row-address-type=" + rowAddressType
                    + " is not supported on a Pi 5 by the library; use 0 (direct) or 2 (direct row select)");
        }
        if (!RP1_PIO_MAPPINGS.contains(mapping)) {
            return Optional.of("ledmatrix.panel.hardware-mapping=" + mapping + " is not supported on a Pi 5; use "
                    + String.join(", ", PanelOptionsCheck.MAX_PARALLEL_BY_MAPPING.keySet().stream()
                            .filter(RP1_PIO_MAPPINGS::contains).toList()));
        }
        if (!usePio && !useRio) {
            if (p.rp1Rio() && !rioPlatform) {
                return Optional.of("ledmatrix.panel.rp1-rio=true drives the panel through " + DEV_GPIOMEM0
                        + ", which is absent here. Map it (" + DOCKER_PI5 + " and compose.pi5-rio.yaml) or set"
                        + " ledmatrix.panel.rp1-rio=false to use " + DEV_PIO0);
            }
            if (p.rp1Rio()) {
                return Optional.of("ledmatrix.panel.rp1-rio=true does not support hardware-mapping=" + mapping
                        + " and " + DEV_PIO0 + " for the PIO backend is absent; set ledmatrix.panel.rp1-rio=false"
                        + " and give the service " + DEV_PIO0);
            }
            return Optional.of(DEV_PIO0 + " is absent: on a Pi 5 the library drives the panel through the RP1's"
                    + " PIO block, which needs " + DEV_PIO0 + " (Raspberry Pi OS kernel 6.6.62 or newer). "
                    + DOCKER_PI5 + " (devices: /dev/pio0); systemd: nothing to add beyond SupplementaryGroups=gpio,"
                    + " the device comes from the kernel. Or set ledmatrix.panel.rp1-rio=true to use "
                    + DEV_GPIOMEM0);
        }
        if (usePio && !host.opens(DEV_PIO0)) {
            return Optional.of(DEV_PIO0 + " " + describe(host, DEV_PIO0) + " for " + host.who()
                    + "; on a Pi 5 the library drives the panel through it and would end the process without it."
                    + " It belongs to group gpio on Raspberry Pi OS: systemd: SupplementaryGroups=gpio; "
                    + DOCKER_PI5 + " (devices: /dev/pio0, group_add: the host's gpio group id)");
        }
        if (useRio && !host.opens(DEV_GPIOMEM0) && !host.opens(DEV_MEM)) {
            return Optional.of("ledmatrix.panel.rp1-rio=true maps the RP1's GPIO registers through " + DEV_GPIOMEM0
                    + ", which " + describe(host, DEV_GPIOMEM0) + " for " + host.who()
                    + "; the library would end the process without it. It belongs to group gpio: systemd:"
                    + " SupplementaryGroups=gpio; " + DOCKER_PI5 + " plus docker/compose.pi5-rio.yaml (devices:"
                    + " /dev/gpiomem0). Or set ledmatrix.panel.rp1-rio=false to use " + DEV_PIO0);
        }
        return Optional.empty();
    }

    private static String describe(HostFacts host, String device) {
        String state = host.state(device);
        return switch (state) {
            case HostFacts.ABSENT -> "is absent";
            case HostFacts.OPENS -> "opens";
            default -> "cannot be opened (" + state + ")";
        };
    }
}
