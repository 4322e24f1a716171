package dev.ledmatrix.display.panel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the machine looks like to librgbmatrix, read the way the library reads it: the board model
 * ({@code /proc/device-tree/model}), the revision code that decides the Pi family ({@code /proc/cpuinfo},
 * then the device tree), the loaded kernel modules, and whether each device file the library may open
 * exists and can really be opened read-write (an {@code access()} check would not see a missing capability
 * such as CAP_SYS_RAWIO for /dev/mem).
 *
 * @param model         {@code /proc/device-tree/model}, or null where there is none (not a Pi)
 * @param revision      the board's revision code, 0 when unknown (the library then assumes a Pi 3)
 * @param effectiveUid  from {@code /proc/self/status}, -1 when unknown
 * @param loadedModules kernel module names from {@code /proc/modules}
 * @param devices       for each of {@link #DEVICES}: {@link #OPENS}, {@link #ABSENT} or why it cannot be opened
 */
record HostFacts(String model, long revision, int effectiveUid, Set<String> loadedModules,
        Map<String, String> devices) {

    static final String DEV_MEM = "/dev/mem";
    static final String DEV_GPIOMEM = "/dev/gpiomem";
    static final String DEV_GPIOMEM0 = "/dev/gpiomem0";
    static final String DEV_PIO0 = "/dev/pio0";
    static final List<String> DEVICES = List.of(DEV_MEM, DEV_GPIOMEM, DEV_GPIOMEM0, DEV_PIO0);
    static final String OPENS = "opens";
    static final String ABSENT = "absent";

    /** The Pi families the library tells apart (gpio.cc): register bases, and the RP1 chip from the Pi 5 on. */
    enum Family { PI1, PI2, PI3, PI4, PI5 }

    HostFacts {
        loadedModules = Set.copyOf(loadedModules);
        devices = Map.copyOf(devices);
    }

    static HostFacts detect() {
        String model = readModel(Path.of("/proc/device-tree/model")).orElse(null);
        Map<String, String> devices = new LinkedHashMap<>();
        boolean pi = model != null && model.contains("Raspberry Pi");
        for (String device : DEVICES) {
            // Opening /dev/mem or /dev/pio0 has no effect by itself; only on a Pi, where these are what they say.
            devices.put(device, pi ? openState(Path.of(device)) : ABSENT);
        }
        return new HostFacts(model, readRevision(), readEffectiveUid(Path.of("/proc/self/status")),
                readModules(Path.of("/proc/modules")), devices);
    }

    boolean raspberryPi() {
        return model != null && model.contains("Raspberry Pi");
    }

    /** As the library decides it: from the revision code, a Pi 3 when there is none. */
    Family family() {
        int type = (int) ((revision >> 4) & 0xff);
        if (revision == 0) {
            return Family.PI3;
        }
        return switch (type) {
            case 0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x09, 0x0c -> Family.PI1;
            case 0x04, 0x12 -> Family.PI2;
            case 0x11, 0x13, 0x14, 0x15 -> Family.PI4;
            case 0x17, 0x18, 0x19, 0x1a -> Family.PI5;
            default -> Family.PI3;
        };
    }

    /** A Pi 5, Pi 500 or Compute Module 5: the library drives the panel through the RP1 chip. */
    boolean pi5() {
        return family() == Family.PI5 || (model != null
                && (model.contains("Raspberry Pi 5") || model.contains("Compute Module 5")));
    }

    boolean exists(String device) {
        return !ABSENT.equals(devices.getOrDefault(device, ABSENT));
    }

    boolean opens(String device) {
        return OPENS.equals(devices.get(device));
    }

    /** Why the device cannot be opened ("absent", "Permission denied", ...). */
    String state(String device) {
        return devices.getOrDefault(device, ABSENT);
    }

    /** "the service's user (uid 10001)" or "root": who would have to be allowed. */
    String who() {
        return effectiveUid == 0 ? "root (uid 0)" : effectiveUid < 0 ? "the service's user"
                : "the service's user (uid " + effectiveUid + ")";
    }

    /** Opens the device read-write with O_SYNC, as the library does, and closes it again. */
    static String openState(Path device) {
        if (!Files.exists(device)) {
            return ABSENT;
        }
        try (FileChannel ignored = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC)) {
            return OPENS;
        } catch (AccessDeniedException e) {
            return "Permission denied"; // EACCES; EPERM (a missing capability) comes as a plain FileSystemException
        } catch (FileSystemException e) {
            return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        } catch (IOException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    static Optional<String> readModel(Path file) {
        try {
            // The device tree string ends with a NUL byte.
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).replace("\0", "").trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The "Revision" line of /proc/cpuinfo, else the device tree's 4-byte big-endian linux,revision. */
    static long readRevision() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Revision") && line.contains(":")) {
                    long revision = Long.parseLong(line.substring(line.indexOf(':') + 1).trim(), 16);
                    if (revision != 0) {
                        return revision;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // try the device tree
        }
        try {
            byte[] be = Files.readAllBytes(Path.of("/proc/device-tree/system/linux,revision"));
            if (be.length == 4) {
                return ((be[0] & 0xffL) << 24) | ((be[1] & 0xff) << 16) | ((be[2] & 0xff) << 8) | (be[3] & 0xff);
            }
        } catch (IOException e) {
            // unknown
        }
        return 0;
    }

    static int readEffectiveUid(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]); // real, effective, ...
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
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
