package dev.ledmatrix.display.panel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated Raspberry Pi for one child process: the files the boardsim LD_PRELOAD shim
 * (src/test/c/boardsim.c) serves instead of the real ones, and the environment that turns it on.
 * Device files are absent, present but denied, or mappable (a sparse file as large as the physical
 * addresses the library maps, so mmap succeeds without using disk).
 */
final class BoardSim {

    enum Device { ABSENT, DENIED, MAPPABLE }

    /** Beyond the Pi 4's peripheral window (0xFE000000 + offsets); sparse, so it costs no disk. */
    private static final long BCM_SPAN = 0x1_0000_0000L;
    /** Beyond the Pi 5's RP1 window at 0x1f000d0000 (RIO's /dev/mem fallback). */
    private static final long RP1_SPAN = 0x1f_0010_0000L;

    final String name;
    private final String model;
    private final long revision;
    private final List<String> modules = new ArrayList<>(List.of("i2c_dev 12345 0 - Live 0x0000000000000000"));
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private boolean pioBusy;

    private BoardSim(String name, String model, long revision) {
        this.name = name;
        this.model = model;
        this.revision = revision;
        for (String device : HostFacts.DEVICES) {
            devices.put(device, Device.ABSENT);
        }
    }

    static BoardSim pi3() {
        return new BoardSim("pi3", TestPanels.PI3, TestPanels.PI3_REVISION);
    }

    static BoardSim pi4() {
        return new BoardSim("pi4", TestPanels.PI4, TestPanels.PI4_REVISION);
    }

    static BoardSim pi5() {
        return new BoardSim("pi5", TestPanels.PI5, TestPanels.PI5_REVISION);
    }

    static BoardSim cm4() {
        return new BoardSim("cm4", TestPanels.CM4, TestPanels.CM4_REVISION);
    }

    BoardSim device(String path, Device state) {
        devices.put(path, state);
        return this;
    }

    BoardSim module(String name) {
        modules.add(name + " 262144 1 - Live 0x0000000000000000");
        return this;
    }

    /** Every state machine of the PIO block already claimed (the simulated driver says "busy"). */
    BoardSim pioBusy() {
        pioBusy = true;
        return this;
    }

    /** Writes the board's files under {@code root} and returns the environment for a child process. */
    Map<String, String> materialize(Path root, Path shim) throws IOException {
        Path dt = Files.createDirectories(root.resolve("proc/device-tree/system"));
        Files.write(dt.getParent().resolve("model"), (model + "\0").getBytes(StandardCharsets.UTF_8));
        Files.write(dt.resolve("linux,revision"), new byte[] {(byte) (revision >>> 24), (byte) (revision >>> 16),
                (byte) (revision >>> 8), (byte) revision});
        StringBuilder cpuinfo = new StringBuilder();
        for (int cpu = 0; cpu < 4; cpu++) {
            cpuinfo.append("processor\t: ").append(cpu).append("\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\n\n");
        }
        cpuinfo.append("Revision\t: ").append(Long.toHexString(revision)).append("\nSerial\t\t: 10000000deadbeef\n")
                .append("Model\t\t: ").append(model).append('\n');
        Files.writeString(root.resolve("proc/cpuinfo"), cpuinfo);
        Files.writeString(root.resolve("proc/modules"), String.join("\n", modules) + "\n");
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/sys/kernel/sched_rt_runtime_us"), "950000\n");
        Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(root.resolve("sys/devices/system/cpu/isolated"), "\n");
        Files.createDirectories(root.resolve("dev"));
        List<String> denied = new ArrayList<>();
        for (Map.Entry<String, Device> d : devices.entrySet()) {
            Path file = root.resolve(d.getKey().substring(1));
            if (d.getValue() == Device.ABSENT) {
                continue;
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                if (d.getKey().equals(HostFacts.DEV_PIO0)) {
                    raf.write((pioBusy ? "busy" : "free").getBytes(StandardCharsets.US_ASCII));
                } else {
                    raf.setLength(d.getKey().equals(HostFacts.DEV_GPIOMEM0) ? 0x40000
                            : d.getKey().equals(HostFacts.DEV_MEM) && model.contains("Pi 5") ? RP1_SPAN : BCM_SPAN);
                }
            }
            if (d.getValue() == Device.DENIED) {
                denied.add(d.getKey());
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LD_PRELOAD", shim.toString());
        env.put("BOARDSIM_ROOT", root.toString());
        env.put("BOARDSIM_DENY", String.join(":", denied));
        return env;
    }

    @Override
    public String toString() {
        return name + " " + devices + (pioBusy ? " pio busy" : "") + " modules " + modules.size();
    }
}
