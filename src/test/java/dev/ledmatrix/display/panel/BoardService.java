package dev.ledmatrix.display.panel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service in a child JVM on a simulated board (LD_PRELOAD boardsim, never in the test runner), with
 * the native panel configured on the fake library, and what a user would see of it: whether the JVM survived,
 * /actuator/health and /api/v1/display over real HTTP, and what reached the library (the fake's report file).
 */
final class BoardService {

    static final String TOKEN = "board-sim-token-0123456789";
    /** Generous: on a 2-core machine shared by several builds a service start has been seen to take 90 s. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern REPORT = Pattern.compile("swaps=(\\d+) lit=(\\d+) size=(\\d+)x(\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What was seen. {@code exitStatus} is the child's status when it ended by itself (null while it ran until
     * the test stopped it); {@code health}/{@code display} are null when it never answered.
     */
    record Result(String scenario, Integer exitStatus, JsonNode health, JsonNode display, long swaps, long lit,
            String log) {

        /** The backend in use: from the API, or from what {@link BoardBackendMain} printed. */
        String backend() {
            if (display != null) {
                return display.path("backend").asString();
            }
            Matcher m = Pattern.compile(BoardBackendMain.RESULT + "backend=(\\w+)").matcher(log);
            return m.find() ? m.group(1) : null;
        }

        JsonNode panel() {
            return health.path("components").path("panel");
        }

        String problem() {
            return panel().path("details").path("problem").asString("");
        }

        String libraryMessage() {
            return panel().path("details").path("libraryMessage").asString("");
        }

        @Override
        public String toString() {
            return scenario + ": exit " + exitStatus + ", panel " + (health == null ? "-" : panel()) + ", swaps " + swaps
                    + ", lit " + lit + "\n--- log (end) ---\n" + log;
        }
    }

    private BoardService() {
    }

    static Path nativeDir() {
        return Path.of(System.getProperty("ledmatrix.test.native-dir", "target/native")).toAbsolutePath();
    }

    /**
     * Starts the service on the board with {@code panel} settings ("key=value" without the prefix), waits
     * until it answers (or ends), and, when {@code awaitFrames}, until lit frames reached the library.
     */
    static Result run(String scenario, BoardSim board, boolean wideLibrary, boolean awaitFrames, String... panel)
            throws Exception {
        return launch(scenario, board, wideLibrary, awaitFrames, false, panel);
    }

    /**
     * Only the native backend ({@link BoardBackendMain}) in the child: it selects the panel as the service does,
     * pushes three lit frames and exits.
     */
    static Result runBackend(String scenario, BoardSim board, boolean wideLibrary, String... panel) throws Exception {
        return launch(scenario, board, wideLibrary, false, true, panel);
    }

    private static Result launch(String scenario, BoardSim board, boolean wideLibrary, boolean awaitFrames,
            boolean backendOnly, String... panel) throws Exception {
        Path root = Files.createDirectories(Path.of(System.getProperty("ledmatrix.test.target", "target"),
                "board-sim", scenario + "-" + ProcessHandle.current().pid()));
        Path shim = nativeDir().resolve("libboardsim.so");
        Path library = wideLibrary ? nativeDir().resolve("wide/librgbmatrix.so.1")
                : nativeDir().resolve("librgbmatrix.so.1");
        if (!Files.isRegularFile(shim) || !Files.isRegularFile(library)) {
            throw new IllegalStateException("src/test/c/build.sh did not build " + shim + " and " + library
                    + " (is gcc installed?)");
        }
        Map<String, String> env = board.materialize(root.resolve("board"), shim);
        Path report = root.resolve("fake-report");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        if (backendOnly) {
            command.addAll(List.of(BoardBackendMain.class.getName(), "backend=native", "library-path=" + library));
            command.addAll(List.of(panel));
        } else {
            command.addAll(List.of("dev.ledmatrix.LedMatrixApplication", "--server.port=0",
                    "--server.address=127.0.0.1", "--ledmatrix.data-dir=" + root.resolve("data"),
                    "--ledmatrix.plugins-dir=" + root.resolve("plugins"), "--ledmatrix.security.api-token=" + TOKEN,
                    "--spring.main.banner-mode=off", "--ledmatrix.panel.backend=native",
                    "--ledmatrix.panel.library-path=" + library));
            for (String kv : panel) {
                command.add("--ledmatrix.panel." + kv);
            }
        }
        Path log = root.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("FAKE_RGBMATRIX_REPORT", report.toString());
        Process child = builder.start();
        if (backendOnly) {
            try {
                if (!child.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError(scenario + " did not finish within " + START_TIMEOUT + ":\n" + tail(log));
                }
                long[] frames = readReport(root.resolve("fake-report." + child.pid()));
                return new Result(scenario, child.exitValue(), null, null, frames[0], frames[1], tail(log));
            } finally {
                child.destroyForcibly();
            }
        }
        try {
            Optional<Integer> port = awaitPort(child, log);
            if (port.isEmpty()) {
                child.waitFor();
                return new Result(scenario, child.exitValue(), null, null, 0, 0, tail(log));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode health = get(http, port.get(), "/actuator/health");
            JsonNode display = get(http, port.get(), "/api/v1/display");
            long[] frames = {0, 0};
            Path reportFile = root.resolve("fake-report." + child.pid());
            long deadline = System.nanoTime() + Duration.ofSeconds(awaitFrames ? 60 : 1).toNanos();
            do {
                frames = readReport(reportFile);
                if (frames[0] >= 2 && frames[1] > 0) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline && child.isAlive());
            Integer exit = child.isAlive() ? null : child.exitValue();
            return new Result(scenario, exit, health, display, frames[0], frames[1], tail(log));
        } finally {
            child.destroy(); // SIGTERM: graceful shutdown deletes the matrix
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static Optional<Integer> awaitPort(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = PORT.matcher(text);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
            if (!child.isAlive()) {
                return Optional.empty();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not start within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static JsonNode get(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN).GET().build();
        for (int attempt = 0; ; attempt++) {
            try {
                return JSON.readTree(http.send(request, BodyHandlers.ofString()).body());
            } catch (IOException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static long[] readReport(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new long[] {0, 0};
        }
        Matcher m = REPORT.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        return m.find() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : new long[] {0, 0};
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
