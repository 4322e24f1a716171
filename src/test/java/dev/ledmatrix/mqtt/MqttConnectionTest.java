package dev.ledmatrix.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The connection on its own against a real Mosquitto that wants a password: refused credentials are a health detail
 * (not connected, why, attempts counted) while it keeps retrying with backoff, and the right ones connect.
 */
@EnabledIf("dev.ledmatrix.mqtt.Mosquitto#availableOrRequired")
class MqttConnectionTest {

    @Test
    void refusedCredentialsAreReportedAndRetriedForever() throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(
                Path.of(System.getProperty("ledmatrix.test.target", "target"), "mqtt-test")), "credentials-");
        Path passwords = Mosquitto.passwordFile(root, "display", "right-password");
        try (Mosquitto broker = Mosquitto.start(root.resolve("broker"), "allow_anonymous false",
                "password_file " + passwords)) {
            MqttConnection wrong = connection(broker, "wrong-password");
            AtomicInteger connects = new AtomicInteger();
            wrong.start(message -> { }, connects::incrementAndGet);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (wrong.status().failedAttempts() < 3 && System.nanoTime() < deadline) {
                    Watcher.sleep(50);
                }
                MqttConnection.Status status = wrong.status();
                assertThat(status.connected()).isFalse();
                assertThat(status.failedAttempts()).as("it keeps trying").isGreaterThanOrEqualTo(3);
                assertThat(status.lastError()).contains("refused").containsAnyOf("NOT_AUTHORIZED",
                        "BAD_USER_NAME_OR_PASSWORD").doesNotContain("wrong-password");
                assertThat(connects).hasValue(0);
            } finally {
                wrong.stop();
            }

            MqttConnection right = connection(broker, "right-password");
            right.start(message -> { }, connects::incrementAndGet);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (connects.get() < 1 && System.nanoTime() < deadline) {
                    Watcher.sleep(50);
                }
                assertThat(right.connected()).isTrue();
                assertThat(right.status().lastError()).isNull();
                assertThat(connects).hasValue(1);
            } finally {
                right.stop();
            }
        }
    }

    private static MqttConnection connection(Mosquitto broker, String password) {
        MqttProperties properties = new MqttProperties(true, URI.create(broker.uri()), "conn", "LED Matrix", null,
                "display", password, new MqttProperties.Tls(null, null, null, "PKCS12", true), null, "homeassistant", 1,
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(250));
        return new MqttConnection(properties, new Topics("ledmatrix/conn", "homeassistant", "conn"),
                "ledmatrix-conn-" + password.length(), new SimpleMeterRegistry(), Clock.systemUTC());
    }
}
