package dev.ledmatrix.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LongSummaryStatistics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the render loop with SSE viewers: starts the real service as a child JVM (so its CPU time is its own,
 * not the viewers'), pins the scrolling {@code message} so every frame changes, then for 0, 1, 10 and 50 viewers
 * reports the loop's fps, frames pushed per second, frames each viewer received per second and the service's CPU.
 * Not a test; run as documented in docs/benchmarks.md ("Render loop with SSE viewers").
 */
public final class SseViewersBenchmark {

    private static final String TOKEN = "viewers-benchmark";
    private static final int WARM_UP_SECONDS = 3;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    private SseViewersBenchmark(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] viewerCounts = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {0, 1, 10, 50};
        int port = freePort();
        Path dataDir = Files.createTempDirectory("ledmatrix-viewers-benchmark-");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process app = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.ledmatrix.LedMatrixApplication",
                "--server.port=" + port, "--ledmatrix.data-dir=" + dataDir,
                "--ledmatrix.plugins-dir=" + dataDir.resolve("no-plugins"), "--ledmatrix.security.api-token=" + TOKEN)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("app.log").toFile()).start();
        try {
            SseViewersBenchmark benchmark = new SseViewersBenchmark(port);
            benchmark.awaitReady(app);
            // 60 px/s at 30 fps: the text moves two LEDs every frame, so no two frames are alike.
            benchmark.put("/api/v1/plugins/message/config",
                    "{\"text\":\"Hello from ledmatrix-manager\",\"color\":\"#ffaa00\",\"scroll\":true,\"speed\":60}");
            benchmark.post("/api/v1/display/pin", "{\"pluginId\":\"message\"}");
            System.out.printf("%nService pid %d on port %d, %d s per row after %d s warm-up, %d cores%n%n", app.pid(),
                    port, seconds, WARM_UP_SECONDS, Runtime.getRuntime().availableProcessors());
            System.out.println("| viewers | loop fps (mean, min) | frames pushed/s | frames/s per viewer (min, mean) "
                    + "| service CPU (% of one core) |");
            System.out.println("|---|---|---|---|---|");
            for (int viewers : viewerCounts) {
                System.out.println(benchmark.row(app, viewers, seconds));
            }
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private String row(Process app, int count, int seconds) throws Exception {
        try (SseViewers viewers = new SseViewers(http, uri("/api/v1/display/stream"), count)) {
            Thread.sleep(WARM_UP_SECONDS * 1000L);
            long[] before = viewers.frameCounts();
            long pushedBefore = display().path("framesPushed").asLong();
            Duration cpuBefore = cpu(app);
            long start = System.nanoTime();
            List<Double> fps = new ArrayList<>();
            for (int i = 0; i < seconds; i++) {
                Thread.sleep(1000);
                fps.add(display().path("fps").asDouble());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpuPercent = (cpu(app).minus(cpuBefore).toNanos() / 1e9) / wall * 100;
            double pushedPerSecond = (display().path("framesPushed").asLong() - pushedBefore) / wall;
            long[] after = viewers.frameCounts();
            LongSummaryStatistics got = new LongSummaryStatistics();
            for (int i = 0; i < after.length; i++) {
                got.accept(after[i] - before[i]);
            }
            String perViewer = count == 0 ? "–"
                    : String.format("%.1f, %.1f", got.getMin() / wall, got.getAverage() / wall);
            return String.format("| %d | %.1f, %.0f | %.1f | %s | %.0f %% |", count,
                    fps.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    fps.stream().mapToDouble(Double::doubleValue).min().orElse(0), pushedPerSecond, perViewer,
                    cpuPercent);
        }
    }

    private static Duration cpu(Process app) {
        return app.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"));
    }

    private void awaitReady(Process app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the service exited with " + app.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within 120 s");
    }

    private void post(String path, String body) throws Exception {
        write("POST", path, body);
    }

    private void put(String path, String body) throws Exception {
        write("PUT", path, body);
    }

    private void write(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private JsonNode display() throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(uri("/api/v1/display")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
