package dev.ledmatrix.display.panel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the native panel needs to know about the machine before it lets the library touch hardware: the
 * library maps physical GPIO addresses it guesses from the Pi model, exits the process when hardware
 * pulsing lacks root or meets the Pi's sound driver, and refuses some options on a Pi 5.
 *
 * @param model         {@code /proc/device-tree/model}, or null where there is none (not a Pi)
 * @param effectiveUid  from {@code /proc/self/status}, -1 when unknown
 * @param loadedModules kernel module names from {@code /proc/modules}
 */
record HostFacts(String model, int effectiveUid, Set<String> loadedModules) {

    HostFacts {
        loadedModules = Set.copyOf(loadedModules);
    }

    static HostFacts detect() {
        return new HostFacts(readModel(Path.of("/proc/device-tree/model")).orElse(null),
                readEffectiveUid(Path.of("/proc/self/status")), readModules(Path.of("/proc/modules")));
    }

    boolean raspberryPi() {
        return model != null && model.contains("Raspberry Pi");
    }

    boolean pi5() {
        return model != null && (model.contains("Raspberry Pi 5") || model.contains("Compute Module 5")
                || model.contains("Raspberry Pi 500"));
    }

    boolean computeModule() {
        return model != null && model.contains("Compute Module");
    }

    boolean root() {
        return effectiveUid == 0;
    }

    /** Why the library must not be loaded with these options on this machine; empty when it may. */
    Optional<String> problemFor(PanelProperties p) {
        if (!raspberryPi() && !p.allowNonPi()) {
            return Optional.of("not a Raspberry Pi (/proc/device-tree/model: "
                    + (model == null ? "absent" : "'" + model + "'") + "); the library would write to guessed GPIO"
                    + " addresses, so it is only loaded on a Pi (ledmatrix.panel.allow-non-pi=true is for test"
                    + " builds of the library)");
        }
        if (!p.disableHardwarePulsing() && !root()) {
            return Optional.of("hardware pulsing needs root (effective uid " + effectiveUid + ") and the library"
                    + " would exit the process without it; run as root or set"
                    + " ledmatrix.panel.disable-hardware-pulsing=true");
        }
        if (!p.disableHardwarePulsing() && loadedModules.contains("snd_bcm2835")) {
            return Optional.of("the Pi's sound driver snd_bcm2835 is loaded and the library would exit the process"
                    + " with hardware pulsing on; blacklist the module (dtparam=audio=off) or set"
                    + " ledmatrix.panel.disable-hardware-pulsing=true");
        }
        String mapping = PanelOptionsCheck.mapping(p.hardwareMapping()).orElse(p.hardwareMapping());
        if (pi5() && !Set.of("regular", "adafruit-hat", "adafruit-hat-pwm", "classic").contains(mapping)) {
            return Optional.of("ledmatrix.panel.hardware-mapping=" + mapping + " is not supported on a Pi 5;"
                    + " use regular, adafruit-hat, adafruit-hat-pwm or classic");
        }
        int rowAddressType = p.rowAddressType() == null ? 0 : p.rowAddressType();
        if (pi5() && rowAddressType != 0 && rowAddressType != 2) {
            return Optional.of("ledmatrix.panel.row-address-type=" + rowAddressType
                    + " is not supported on a Pi 5; use 0 or 2");
        }
        if (mapping.equals("compute-module") && !computeModule() && !p.allowNonPi()) {
            return Optional.of("ledmatrix.panel.hardware-mapping=compute-module needs a Compute Module and a library"
                    + " built with ENABLE_WIDE_GPIO_COMPUTE_MODULE (elsewhere the library aborts the process);"
                    + " this is '" + model + "'");
        }
        return Optional.empty();
    }

    static Optional<String> readModel(Path file) {
        try {
            // The device tree string ends with a NUL byte.
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).replace("\0", "").trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static int readEffectiveUid(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]); // real, effective, ...
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: treated as not root
        }
        return -1;
    }

    static Set<String> readModules(Path modules) {
        try {
            List<String> lines = Files.readAllLines(modules, StandardCharsets.UTF_8);
            return lines.stream().map(l -> l.split(" ", 2)[0]).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            return Set.of();
        }
    }
}
