package dev.ledmatrix.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The service as a real child JVM with MQTT on, killed with SIGKILL: no shutdown hook says goodbye, so only the last
 * will left with the broker can tell Home Assistant the display is gone. It must read {@code offline}, retained, so a
 * subscriber that comes later sees it too.
 */
@EnabledIf("dev.ledmatrix.mqtt.Mosquitto#availableOrRequired")
class MqttLastWillTest {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void killedWithSigkillTheLastWillMarksTheDisplayOffline() throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(
                Path.of(System.getProperty("ledmatrix.test.target", "target"), "mqtt-test")), "last-will-");
        try (Mosquitto broker = Mosquitto.start(root.resolve("broker")); Watcher watcher = new Watcher(broker.port())) {
            Path log = root.resolve("service.log");
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process service = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "dev.ledmatrix.LedMatrixApplication", "--server.port=0", "--ledmatrix.data-dir=" + root.resolve("data"),
                    "--ledmatrix.plugins-dir=" + root.resolve("no-plugins"),
                    "--ledmatrix.security.api-token=last-will-test-token-0123", "--spring.main.banner-mode=off",
                    "--ledmatrix.mqtt.enabled=true", "--ledmatrix.mqtt.uri=" + broker.uri(),
                    "--ledmatrix.mqtt.keep-alive=60s"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // The device id is generated at the first start and kept in the data directory.
                String status = awaitStatusTopic(watcher, service, log);
                String deviceId = Files.readString(root.resolve("data").resolve(DeviceId.FILE)).strip();
                assertThat(status).isEqualTo("ledmatrix/" + deviceId + "/status");
                watcher.await(status, "online"::equals);
                watcher.await("homeassistant/light/" + deviceId + "/display/config", p -> !p.isEmpty());

                service.destroyForcibly();
                assertThat(service.waitFor(Duration.ofSeconds(10))).isTrue();
                assertThat(service.exitValue()).as("killed by SIGKILL").isEqualTo(137);

                // Far sooner than the keep-alive (60 s): the broker sees the socket close and publishes the will.
                watcher.await(status, "offline"::equals);
                try (Watcher later = new Watcher(broker.port())) {
                    assertThat(later.await(status, "offline"::equals).retained()).isTrue();
                }
            } finally {
                service.destroyForcibly();
            }
        }
    }

    /** The status topic the child announces itself on, once it has connected. */
    private static String awaitStatusTopic(Watcher watcher, Process service, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (var entry : watcher.latest().entrySet()) {
                if (entry.getKey().startsWith("ledmatrix/") && entry.getKey().endsWith("/status")
                        && "online".equals(entry.getValue().payload())) {
                    return entry.getKey();
                }
            }
            if (!service.isAlive()) {
                throw new AssertionError("the service died while starting:\n" + tail(log));
            }
            Watcher.sleep(100);
        }
        throw new AssertionError("the service did not come online within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
