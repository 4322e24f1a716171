package dev.ledmatrix.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code ssl://} against a real Mosquitto with a self-signed certificate (made by the JDK's keytool): trusted through
 * {@code tls.ca-certificate} it connects with the host name checked; with the JDK's default trust it is refused, and
 * the health detail says the certificate is why.
 */
@EnabledIf("dev.ledmatrix.mqtt.Mosquitto#availableOrRequired")
class MqttTlsTest {

    @Test
    void aBrokerCertificateIsTrustedOnlyThroughTheConfiguredCa() throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(
                Path.of(System.getProperty("ledmatrix.test.target", "target"), "mqtt-test")), "tls-");
        Path store = root.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Certificate certificate = keys.getCertificate("broker");
        Key key = keys.getKey("broker", "changeit".toCharArray());
        Path cert = Files.writeString(root.resolve("broker.crt"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyFile = Files.writeString(root.resolve("broker.key"), pem("PRIVATE KEY", key.getEncoded()));

        try (Mosquitto broker = Mosquitto.start(root.resolve("broker"), "certfile " + cert, "keyfile " + keyFile)) {
            String uri = "ssl://127.0.0.1:" + broker.port();
            MqttConnection untrusted = connection(uri, null);
            untrusted.start(message -> { }, () -> { });
            try {
                awaitUntil(() -> untrusted.status().failedAttempts() >= 1);
                assertThat(untrusted.connected()).isFalse();
                assertThat(untrusted.status().lastError()).containsIgnoringCase("certif");
            } finally {
                untrusted.stop();
            }

            MqttConnection trusted = connection(uri, cert);
            trusted.start(message -> { }, () -> { });
            try {
                awaitUntil(trusted::connected);
                assertThat(trusted.connected()).as("last error: %s", trusted.status().lastError()).isTrue();
            } finally {
                trusted.stop();
            }
        }
    }

    private static MqttConnection connection(String uri, Path ca) {
        MqttProperties properties = new MqttProperties(true, URI.create(uri), "tls", "LED Matrix", null, null, null,
                new MqttProperties.Tls(ca, null, null, "PKCS12", true), null, "homeassistant", 1,
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(250));
        return new MqttConnection(properties, new Topics("ledmatrix/tls", "homeassistant", "tls"),
                "ledmatrix-tls-" + (ca == null ? "default" : "ca"), new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Watcher.sleep(50);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
