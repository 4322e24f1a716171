package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.web.ApiClient.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The service as a real child JVM on one data directory, killed with SIGKILL at random moments (once during its
 * very first start, then while a client keeps replacing a config) and started again each time. Every start must
 * succeed, and the config read back must always be one the client wrote: the last acknowledged, or the one in
 * flight when the process died. Never a torn file, never the defaults instead of the user's config, and no
 * temporary files piling up.
 */
class CrashSafetyTest {

    static final String TOKEN = "crash-test-token-0123456789";
    /** Kills while writing; with the kill during the first start and the final check, 6 starts in all. */
    static final int WRITE_ROUNDS = 4;
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    static final String DEFAULT_TEXT = "Hello from ledmatrix-manager";

    @Test
    void killedAtRandomMomentsItAlwaysRestartsWithAConfigItWasGiven() throws Exception {
        Path root = TestDataDirs.create("crash");
        Path data = root.resolve("data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("CrashSafetyTest seed " + seed + ", files in " + root);

        // Round 0: killed somewhere inside its very first start.
        Child first = Child.start(root, data, 0);
        try {
            Thread.sleep(500 + random.nextInt(4_000));
        } finally {
            first.kill();
        }

        Set<String> allowed = new HashSet<>();
        JsonNode clockConfig = null;
        boolean acknowledgedOnce = false;
        for (int round = 1; round <= WRITE_ROUNDS + 1; round++) {
            long launched = System.nanoTime();
            Child child = Child.start(root, data, round);
            try {
                ApiClient api = child.awaitAnswering();
                long startMillis = (System.nanoTime() - launched) / 1_000_000;

                // What it came back with.
                List<String> ids = new ArrayList<>();
                api.get("/api/v1/plugins").json().forEach(p -> ids.add(p.path("id").asString()));
                assertThat(ids).as("round %d: the instances", round).containsExactlyInAnyOrder("clock", "message");
                JsonNode config = api.get("/api/v1/plugins/message/config").json();
                String text = config.path("text").asString();
                if (acknowledgedOnce) {
                    assertThat(config.size()).as("round %d: %s", round, config).isEqualTo(1);
                    assertThat(text).as("round %d: the config read back is one that was written", round).isIn(allowed);
                } else {
                    assertThat(text).as("round %d: before any write, the defaults", round).isEqualTo(DEFAULT_TEXT);
                }
                assertThat(api.get("/api/v1/plugins/message/state").json().path("state").asString()).isEqualTo("enabled");
                JsonNode clock = api.get("/api/v1/plugins/clock/config").json();
                if (clockConfig == null) {
                    clockConfig = clock;
                }
                assertThat(clock).as("round %d: the untouched instance", round).isEqualTo(clockConfig);
                assertThat(strays(data)).as("round %d: temporary or set-aside files", round).isEmpty();
                System.out.printf("start %d answered after %d ms with text %s%n", round, startMillis, text);
                if (round > WRITE_ROUNDS) {
                    break;
                }

                // Write until killed.
                Writer writer = new Writer(api, round);
                Thread thread = Thread.ofPlatform().name("crash-writer").start(writer);
                Thread.sleep(300 + random.nextInt(1_200));
                child.kill();
                thread.join(Duration.ofSeconds(15));
                assertThat(thread.isAlive()).isFalse();
                assertThat(writer.acknowledged).as("round %d: writes acknowledged before the kill", round).isNotEmpty();
                acknowledgedOnce = true;
                allowed = new HashSet<>();
                allowed.add(writer.acknowledged.getLast());
                if (writer.inFlight.get() != null) {
                    allowed.add(writer.inFlight.get());
                }
                System.out.printf("round %d: %d writes acknowledged, killed with %s in flight%n", round,
                        writer.acknowledged.size(), writer.inFlight.get());
            } finally {
                child.kill();
            }
        }
    }

    /** Replaces message's config with {"text":"r<round>-v<n>"}, n = 1, 2, ..., until the service dies. */
    static final class Writer implements Runnable {
        final ApiClient api;
        final int round;
        final List<String> acknowledged = new ArrayList<>();
        final AtomicReference<String> inFlight = new AtomicReference<>();

        Writer(ApiClient api, int round) {
            this.api = api;
            this.round = round;
        }

        @Override
        public void run() {
            for (int n = 1; ; n++) {
                String text = "r" + round + "-v" + n;
                inFlight.set(text);
                Reply reply;
                try {
                    reply = api.putJson("/api/v1/plugins/message/config", "{\"text\":\"" + text + "\"}");
                } catch (RuntimeException e) {
                    return; // the service was killed: this write may or may not have landed
                }
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                acknowledged.add(text);
                inFlight.set(null);
            }
        }
    }

    /** One run of the service in its own JVM, its output in a log file beside the data directory. */
    static final class Child {
        final Process process;
        final Path log;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Child start(Path root, Path data, int round) throws IOException {
            Path log = root.resolve("start-" + round + ".log");
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "dev.ledmatrix.LedMatrixApplication", "--server.port=0", "--ledmatrix.data-dir=" + data,
                    "--ledmatrix.plugins-dir=" + root.resolve("no-plugins"), "--ledmatrix.security.api-token=" + TOKEN,
                    "--spring.main.banner-mode=off");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Child(process, log);
        }

        ApiClient awaitAnswering() throws Exception {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the service died while starting (exit " + process.exitValue() + "):\n" + tail());
                }
                Matcher port = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (port.find()) {
                    ApiClient api = ApiClient.of(Integer.parseInt(port.group(1)), TOKEN);
                    try {
                        if (api.get("/api/v1/plugins/message/config").status() == 200) {
                            return api;
                        }
                    } catch (UncheckedIOException e) {
                        // not yet
                    }
                }
                Thread.sleep(100);
            }
            return fail("the service did not answer within " + START_TIMEOUT + ":\n" + tail());
        }

        /** SIGKILL: no shutdown hook, no flush, no cleanup. */
        void kill() throws InterruptedException {
            if (!process.isAlive()) {
                return;
            }
            process.destroyForcibly();
            assertThat(process.waitFor(Duration.ofSeconds(10))).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        }

        String tail() throws IOException {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    /** Temporary files of interrupted writes, and files set aside as unreadable (a torn write would be one). */
    static List<Path> strays(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".tmp") || name.contains(".unreadable-") || name.startsWith(".");
            }).toList();
        }
    }
}
