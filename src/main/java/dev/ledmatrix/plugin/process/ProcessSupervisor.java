package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Starts plugin processes and makes sure none outlives its purpose: each runs in its own session and process
 * group ({@code setsid}) under resource limits ({@code prlimit}: address space and open files; {@code nice}),
 * carries a random token in its environment, and at most {@code max-processes} run at once. When one ends or is
 * stopped, its whole group is killed, then any process still carrying its token (a grandchild that daemonized
 * into a session of its own). From its first plugin process on, the service is a child subreaper, so such
 * orphans become its children instead of init's, and are reaped ({@link Orphans}). There is one supervisor per
 * JVM (a Spring singleton), as being a subreaper is the whole JVM's; tests that make their own run one at a time.
 */
@Component
public class ProcessSupervisor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);
    static final String TOKEN_VARIABLE = "LEDMATRIX_PLUGIN_TOKEN";
    private static final String SDK_MODULE = "ledmatrix_plugin.py";

    private final ProcessPluginProperties properties;
    private final int panelWidth;
    private final int panelHeight;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Semaphore slots;
    private final Set<PluginProcess> running = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> tools = new ConcurrentHashMap<>();
    private final Orphans orphans;
    private volatile Path sdkDirectory;
    private volatile boolean closed;

    @Autowired
    ProcessSupervisor(ProcessPluginProperties properties, Environment environment) {
        this(properties,
                environment.getProperty("ledmatrix.panel.cols", Integer.class, 64)
                        * environment.getProperty("ledmatrix.panel.chain-length", Integer.class, 2),
                environment.getProperty("ledmatrix.panel.rows", Integer.class, 32)
                        * environment.getProperty("ledmatrix.panel.parallel", Integer.class, 1));
    }

    public ProcessSupervisor(ProcessPluginProperties properties, int panelWidth, int panelHeight) {
        this.properties = properties;
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
        this.slots = new Semaphore(properties.maxProcesses());
        this.orphans = new Orphans(properties.subreaper(), () -> {
            Set<Long> pids = new HashSet<>();
            running.forEach(p -> pids.add(p.pid()));
            return pids;
        });
    }

    ProcessPluginProperties properties() {
        return properties;
    }

    int panelWidth() {
        return panelWidth;
    }

    int panelHeight() {
        return panelHeight;
    }

    JsonMapper json() {
        return json;
    }

    /** Plugin processes alive now. */
    public int runningProcesses() {
        return running.size();
    }

    /**
     * Starts the plugin's command in its folder, in a new session, under the limits.
     *
     * @throws IOException if the cap is reached or the command cannot be started
     */
    PluginProcess spawn(String instanceId, Manifest manifest, PluginProcess.Signals signals, StderrLog stderr)
            throws IOException {
        if (closed) {
            throw new IOException("the service is shutting down");
        }
        if (!slots.tryAcquire()) {
            throw new IOException("no plugin process may start: " + properties.maxProcesses()
                    + " are running (ledmatrix.process-plugins.max-processes)");
        }
        String token = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ProcessBuilder builder = new ProcessBuilder(command(manifest.command())).directory(manifest.directory().toFile());
        Map<String, String> env = builder.environment();
        // The service's own settings (the API token among them) are not the plugin's business.
        env.keySet().removeIf(k -> k.startsWith("LEDMATRIX_") || k.startsWith("SPRING_"));
        env.put(TOKEN_VARIABLE, token);
        env.put("LEDMATRIX_PLUGIN_ID", instanceId);
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("MALLOC_ARENA_MAX", "2"); // glibc reserves 64 MiB of address space per arena: RLIMIT_AS would bite
        Path sdk = sdkDirectory();
        if (sdk != null) {
            String existing = env.get("PYTHONPATH");
            env.put("PYTHONPATH", existing == null || existing.isBlank() ? sdk.toString() : sdk + ":" + existing);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            slots.release();
            throw new IOException("cannot start " + manifest.command() + ": " + e.getMessage(), e);
        }
        PluginProcess p = new PluginProcess(instanceId, token, process, this, json, signals, stderr);
        running.add(p);
        orphans.adopt();
        p.start();
        log.info("Plugin {}: started process {} ({})", instanceId, process.pid(), String.join(" ", manifest.command()));
        return p;
    }

    private List<String> command(List<String> argv) {
        List<String> command = new ArrayList<>();
        if (tool("setsid")) {
            command.add("setsid");
        }
        if (tool("prlimit")) {
            command.add("prlimit");
            long bytes = properties.memoryLimit() == null ? 0 : properties.memoryLimit().toBytes();
            if (bytes > 0) {
                command.add("--as=" + bytes);
            }
            command.add("--nofile=" + properties.openFiles());
            command.add("--");
        }
        if (properties.nice() > 0 && tool("nice")) {
            command.addAll(List.of("nice", "-n", Integer.toString(properties.nice())));
        }
        List<String> program = new ArrayList<>(argv);
        if (program.getFirst().equals("python3")) {
            program.set(0, properties.python());
        }
        command.addAll(program);
        return command;
    }

    private boolean tool(String name) {
        return tools.computeIfAbsent(name, n -> {
            String path = System.getenv("PATH");
            boolean found = path != null && Stream.of(path.split(":"))
                    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, n)));
            if (!found) {
                log.warn("'{}' is not on the PATH: plugin processes run without it ({})", n, switch (n) {
                    case "setsid" -> "no own process group: only the process itself is killed";
                    case "prlimit" -> "no memory or open-file limit";
                    default -> "no lower CPU priority";
                });
            }
            return found;
        });
    }

    /** The Python SDK, copied once out of the service's jar so {@code import ledmatrix_plugin} works. */
    private Path sdkDirectory() {
        Path dir = sdkDirectory;
        if (dir != null) {
            return dir;
        }
        synchronized (this) {
            if (sdkDirectory == null) {
                try (InputStream in = ProcessSupervisor.class.getResourceAsStream("/python/" + SDK_MODULE)) {
                    if (in == null) {
                        return null;
                    }
                    Path made = Files.createTempDirectory("ledmatrix-python-");
                    Files.copy(in, made.resolve(SDK_MODULE), StandardCopyOption.REPLACE_EXISTING);
                    sdkDirectory = made;
                } catch (IOException e) {
                    log.warn("Could not unpack the Python SDK: {}", e.toString());
                    return null;
                }
            }
            return sdkDirectory;
        }
    }

    // --- ending processes ---------------------------------------------------------------------

    /** SIGKILL to the process's whole group (itself alone where setsid is missing). */
    void killGroup(Process process) {
        if (!(tool("setsid") && Natives.kill(-process.pid(), Natives.SIGKILL))) {
            process.destroyForcibly();
        }
    }

    /** After a process ended: kill the rest of its group and its marked descendants, reap, free its slot. */
    void cleanUp(PluginProcess p, Process process) {
        killGroup(process);
        orphans.killMarked(TOKEN_VARIABLE, p.token);
        if (running.remove(p)) {
            slots.release();
        }
    }

    @Override
    public void destroy() {
        closed = true;
        // All at once, so shutdown takes one grace period, not one per plugin.
        List<Thread> stopping = new ArrayList<>();
        for (PluginProcess p : List.copyOf(running)) {
            stopping.add(Thread.ofVirtual().start(() -> p.stop(properties.stopGrace())));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        orphans.stop();
        Path sdk = sdkDirectory;
        if (sdk != null) {
            try (Stream<Path> files = Files.walk(sdk)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                log.debug("Could not remove {}: {}", sdk, e.toString());
            }
        }
    }
}
