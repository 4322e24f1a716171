package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.RuntimeFixture;
import dev.ledmatrix.plugin.spi.PluginType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real plugin processes for tests: a plugins folder with the probe plugin (src/test/resources/process-plugins)
 * under two type ids, whose command line carries a marker unique to this fixture, so every process it ever
 * started (grandchildren included, which inherit the command line) can be found in /proc, whatever its parent.
 */
final class ProbePlugins implements AutoCloseable {

    /** Debian's interpreter where there is one: a version manager's shim can take seconds to start on a busy box. */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String marker = "ledmatrix-probe-" + UUID.randomUUID();
    final Path pluginsDir;
    final ProcessSupervisor supervisor;
    final ProcessPluginTypes.Scan scan;
    final RuntimeFixture fixture;

    ProbePlugins(Path dir, ProcessPluginProperties properties) {
        try {
            pluginsDir = Files.createDirectories(dir.resolve("plugins"));
            for (String id : List.of("probe", "steady")) {
                Path folder = Files.createDirectories(pluginsDir.resolve(id));
                Files.copy(Path.of("src/test/resources/process-plugins/probe.py"), folder.resolve("probe.py"));
                Files.writeString(folder.resolve("plugin.json"), """
                        {"id": "%s", "name": "Probe", "version": "1.0.0", "description": "misbehaves on request",
                         "command": ["python3", "probe.py", "--marker=%s"], "updateInterval": 1,
                         "configSchema": {"type": "object", "properties": {"secret": {"type": "string", "x-secret": true}}}}
                        """.formatted(id, marker));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        supervisor = new ProcessSupervisor(properties, 64, 32);
        scan = new ProcessPluginTypes(supervisor).scan(pluginsDir);
        List<PluginType> types = new ArrayList<>(scan.types());
        fixture = new RuntimeFixture(dir.resolve("data"), Clock.systemUTC(), Duration.ofSeconds(30),
                Duration.ofMinutes(5), types, dir.resolve("no-jars"));
    }

    /** Test properties: fast timings, and the SDK from the source tree on the PYTHONPATH. */
    static ProcessPluginProperties properties(int maxProcesses, String memory) {
        return new ProcessPluginProperties(maxProcesses, org.springframework.util.unit.DataSize.parse(memory), 64, 5,
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(1), true,
                PYTHON);
    }

    InstanceSpec spec(String id, String type, Duration timeout, String configJson) {
        JsonNode config = JSON.readTree(configJson);
        return new InstanceSpec(id, type, true, Duration.ofSeconds(1), timeout, null, config);
    }

    /** Live (non-zombie) processes whose command line holds the marker. */
    List<Long> markedProcesses() {
        List<Long> found = new ArrayList<>();
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path dir : all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
                    if (indexOf(cmdline, needle) >= 0) {
                        long pid = Long.parseLong(dir.getFileName().toString());
                        ProcFs.Stat stat = ProcFs.stat(pid);
                        if (stat != null && !stat.zombie()) {
                            found.add(pid);
                        }
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Zombie children of this JVM that are not the JDK's (an adopted orphan nobody reaped). */
    static List<Long> zombieChildren() {
        long self = ProcessHandle.current().pid();
        List<Long> zombies = new ArrayList<>();
        for (long pid : ProcFs.childrenOf(self)) {
            ProcFs.Stat stat = ProcFs.stat(pid);
            if (stat != null && stat.zombie()) {
                zombies.add(pid);
            }
        }
        return zombies;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        fixture.close();
        supervisor.destroy();
    }
}
