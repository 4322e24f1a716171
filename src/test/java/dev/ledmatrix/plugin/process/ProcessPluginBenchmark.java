package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.RenderContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames per second and CPU of a Python plugin (the hello example: text scrolled at scale 2, a new frame every
 * render) on 128×32 and 128×64, flat out and paced at 30 fps; its memory at rest; and the cost of the two frame
 * encodings considered for the protocol. Not a test; run as docs/benchmarks.md says:
 *
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-cp %classpath dev.ledmatrix.plugin.process.ProcessPluginBenchmark 10"
 * </pre>
 */
public final class ProcessPluginBenchmark {

    private static final long TICKS = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String python = args.length > 1 ? args[1]
                : Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        System.out.printf("python %s, %d s per run, %d cores, load %.1f%n", python, seconds,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        for (int[] size : List.of(new int[] {128, 32}, new int[] {128, 64})) {
            run(size[0], size[1], seconds, python);
        }
        encodings();
    }

    private static void run(int width, int height, int seconds, String python) throws Exception {
        ProcessPluginProperties defaults = ProcessPluginProperties.defaults();
        ProcessPluginProperties properties = new ProcessPluginProperties(defaults.maxProcesses(),
                defaults.memoryLimit(), defaults.openFiles(), defaults.nice(), defaults.startTimeout(),
                defaults.replyTimeout(), defaults.cancelGrace(), defaults.stopGrace(), true, python);
        ProcessSupervisor supervisor = new ProcessSupervisor(properties, width, height);
        try {
            ProcessPluginType hello = new ProcessPluginTypes(supervisor).scan(Path.of("src/main/python/examples"))
                    .types().stream().filter(t -> t.descriptor().id().equals("hello")).findFirst().orElseThrow();
            JsonNode config = JsonMapper.builder().build().readTree("{\"message\": \"Scrolling benchmark text\"}");
            ProcessPlugin plugin = (ProcessPlugin) hello.create(new PluginContext("bench", PluginConfig.of(config),
                    Clock.systemUTC()));
            plugin.onEnable();
            long pid = plugin.pid();
            Thread.sleep(2000);
            System.out.printf("%dx%d at rest: child %s%n", width, height, memory(pid));
            Canvas canvas = new Canvas(width, height);
            Instant shown = Instant.now();
            // flat out
            Sample flat = sample(pid, () -> {
                long frames = 0;
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long[] latencies = new long[seconds * 2000];
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    plugin.render(canvas, new RenderContext(Instant.now(), shown, frames));
                    latencies[(int) Math.min(frames, latencies.length - 1)] = System.nanoTime() - t0;
                    frames++;
                }
                return new long[] {frames};
            });
            System.out.printf("%dx%d flat out: %.1f fps, child CPU %.0f %%, service CPU %.0f %%%n", width, height,
                    flat.result[0] / (double) seconds, flat.childCpu(seconds), flat.jvmCpu(seconds));
            // paced at 30 fps, as the render loop does
            long[] latencies = new long[seconds * 30];
            Sample paced = sample(pid, () -> {
                long next = System.nanoTime();
                for (int i = 0; i < latencies.length; i++) {
                    long t0 = System.nanoTime();
                    plugin.render(canvas, new RenderContext(Instant.now(), shown, i));
                    latencies[i] = System.nanoTime() - t0;
                    next += 1_000_000_000L / 30;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(Duration.ofNanos(sleep));
                    }
                }
                return new long[] {latencies.length};
            });
            Arrays.sort(latencies);
            System.out.printf("%dx%d at 30 fps: child CPU %.0f %%, service CPU %.0f %%, render p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", width, height, paced.childCpu(seconds), paced.jvmCpu(seconds),
                    latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6,
                    latencies[latencies.length - 1] / 1e6);
            System.out.printf("%dx%d after rendering: child %s%n", width, height, memory(pid));
            plugin.close();
        } finally {
            supervisor.destroy();
        }
    }

    private interface Work {
        long[] run() throws Exception;
    }

    private record Sample(long[] result, long childTicks, long jvmNanos) {
        double childCpu(int seconds) {
            return childTicks * 100.0 / TICKS / seconds;
        }

        double jvmCpu(int seconds) {
            return jvmNanos / 1e7 / seconds;
        }
    }

    private static Sample sample(long pid, Work work) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long child0 = cpuTicks(pid);
        long jvm0 = os.getProcessCpuTime();
        long[] result = work.run();
        return new Sample(result, cpuTicks(pid) - child0, os.getProcessCpuTime() - jvm0);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private static String memory(long pid) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmSize") || line.startsWith("RssAnon")) {
                out.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return out.toString();
    }

    /** Service side of the two encodings: read raw bytes after a header, or parse JSON with base64 and decode. */
    private static void encodings() {
        JsonMapper json = JsonMapper.builder().build();
        for (int bytes : new int[] {128 * 32 * 3, 128 * 64 * 3}) {
            byte[] frame = new byte[bytes];
            new java.util.Random(1).nextBytes(frame);
            byte[] b64Line = ("{\"type\":\"frame\",\"seq\":1,\"rgb\":\"" + Base64.getEncoder().encodeToString(frame)
                    + "\"}").getBytes();
            byte[] header = "{\"type\":\"frame\",\"seq\":1,\"length\":12288}".getBytes();
            int n = 20_000;
            long sink = 0;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    JsonNode m = json.readTree(b64Line);
                    sink += Base64.getDecoder().decode(m.get("rgb").asString()).length;
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    JsonNode m = json.readTree(header);
                    sink += m.get("length").asInt() + Arrays.copyOf(frame, bytes).length;
                }
                long t2 = System.nanoTime();
                if (round == 1) {
                    System.out.printf("service decode of a %d-byte frame: base64 in JSON %.1f µs, header + raw %.1f µs"
                            + " (wire: %d vs %d bytes) [%d]%n", bytes, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n,
                            b64Line.length + 1, header.length + 1 + bytes, sink % 10);
                }
            }
        }
    }
}
