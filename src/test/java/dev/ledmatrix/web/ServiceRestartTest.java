package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ledmatrix.LedMatrixApplication;

/**
 * Whole service starts and stops in this JVM, on real ports: the API token generated at first start (owner-only,
 * reused on restart), a configured token too short to be safe, and a shutdown that an open event stream does not
 * hold up.
 */
class ServiceRestartTest {

    @Test
    void aGeneratedTokenIsOwnerOnlyAndReusedOnRestart() throws Exception {
        Path data = TestDataDirs.create("token");
        Path file = data.resolve("api-token");
        String token;
        try (ConfigurableApplicationContext app = start(data)) {
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .as("rw-------").containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            token = Files.readString(file).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
            ApiClient api = ApiClient.of(port(app), token);
            assertThat(api.anonymous().post("/api/v1/plugins/clock/disable").status()).isEqualTo(401);
            assertThat(api.withToken(token + "x").post("/api/v1/plugins/clock/disable").status()).isEqualTo(401);
            assertThat(api.post("/api/v1/plugins/clock/disable").status()).isEqualTo(200);
        }
        String content = Files.readString(file);
        var modified = Files.getLastModifiedTime(file);

        try (ConfigurableApplicationContext app = start(data)) {
            assertThat(Files.readString(file)).as("the same token, not a new one").isEqualTo(content);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            ApiClient api = ApiClient.of(port(app), token);
            assertThat(api.get("/api/v1/plugins/clock").json().path("state").asString())
                    .as("the disable of the first run was kept").isEqualTo("disabled");
            assertThat(api.post("/api/v1/plugins/clock/enable").status()).as("the old token still works").isEqualTo(200);
        }
        assertThat(leftovers(data)).as("no temporary files left behind").isEmpty();
    }

    @Test
    void aConfiguredTokenTooShortToBeSafeStopsStartupNamingTheProperty() {
        Path data = TestDataDirs.create("short-token");

        assertThatThrownBy(() -> start(data, "--ledmatrix.security.api-token=short").close())
                .hasStackTraceContaining("ledmatrix.security.api-token");
        assertThat(data.resolve("api-token")).doesNotExist();
    }

    @Test
    void anOpenEventStreamDoesNotHoldUpShutdown() throws Exception {
        Path data = TestDataDirs.create("shutdown");
        ConfigurableApplicationContext app = start(data, "--ledmatrix.security.api-token=shutdown-test-token-0123456789",
                "--spring.lifecycle.timeout-per-shutdown-phase=2m");
        SseClient client = new SseClient(ApiClient.of(port(app), null).uri("/api/v1/events"));
        try {
            await().atMost(Duration.ofSeconds(5)).until(client::connected);

            long start = System.nanoTime();
            app.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("shutdown ends the stream instead of waiting out the graceful-shutdown timeout (2 min)")
                    .isLessThan(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.ended);
            assertThat(data.resolve("api-token")).as("a configured token writes no file").doesNotExist();
        } finally {
            client.close();
            app.close();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static ConfigurableApplicationContext start(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--ledmatrix.data-dir=" + data,
                "--ledmatrix.plugins-dir=" + data.resolve("no-plugins"), "--ledmatrix.scheduler.tick=1m",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(LedMatrixApplication.class).run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static List<Path> leftovers(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
