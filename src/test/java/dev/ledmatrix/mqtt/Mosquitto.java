package dev.ledmatrix.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto} package, or {@code $LEDMATRIX_MOSQUITTO}) on a free loopback
 * port, started and stopped by a test. Without persistence, as Mosquitto defaults: a restart loses every retained
 * message, which is what the restart test wants. Tests use {@link #availableOrRequired()} in {@code @EnabledIf}:
 * skipped where the broker is not installed, but run (and failing, saying why) on CI, where .ci/run installs it.
 */
final class Mosquitto implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    static final String NOT_INSTALLED = "mosquitto is not installed (apt-get install mosquitto; .ci/run does this on CI)";

    private final Path executable;
    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private Process process;

    static Optional<Path> find() {
        String configured = System.getenv("LEDMATRIX_MOSQUITTO");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "mosquitto"))
                .filter(Files::isExecutable).findFirst();
    }

    /** For {@code @EnabledIf}: run where Mosquitto is installed, and always on CI (so a missing install fails). */
    static boolean availableOrRequired() {
        return find().isPresent() || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Starts a broker that lets anyone in, plus any extra mosquitto.conf lines. */
    static Mosquitto start(Path dir, String... extraConfig) {
        Path executable = find().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
        Mosquitto broker = new Mosquitto(executable, dir, freePort(), List.of(extraConfig));
        broker.start();
        return broker;
    }

    private Mosquitto(Path executable, Path dir, int port, List<String> extraConfig) {
        this.executable = executable;
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    Path dir() {
        return dir;
    }

    /** (Re)starts on the same port. */
    void start() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("mosquitto.conf");
            // "user root": run as root (CI), Mosquitto would otherwise switch to its own user, which cannot read the
            // test's private temporary directories; as any other user the line has no effect.
            List<String> lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "persistence false",
                    "user root"));
            if (extraConfig.stream().noneMatch(l -> l.startsWith("password_file") || l.startsWith("allow_anonymous"))) {
                lines.add("allow_anonymous true");
            }
            lines.addAll(extraConfig);
            Files.write(conf, lines, StandardCharsets.UTF_8);
            process = new ProcessBuilder(executable.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited at start: " + log());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return;
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            throw new IllegalStateException("mosquitto did not listen on " + port + " within " + START_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Creates a password file with one user (mosquitto_passwd's format, made by the tool itself). */
    static Path passwordFile(Path dir, String user, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("passwords");
        Path tool = find().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED)).resolveSibling("mosquitto_passwd");
        if (!Files.isExecutable(tool)) {
            tool = Stream.of("/usr/bin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd").map(Path::of)
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                            "mosquitto_passwd not found"));
        }
        Process p = new ProcessBuilder(tool.toString(), "-c", "-b", file.toString(), user, password)
                .redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
        }
        return file;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
