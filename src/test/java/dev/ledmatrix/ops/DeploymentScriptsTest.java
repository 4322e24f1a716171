package dev.ledmatrix.ops;

import static dev.ledmatrix.ops.DeploymentFiles.java;
import static dev.ledmatrix.ops.DeploymentFiles.jvmOptions;
import static dev.ledmatrix.ops.DeploymentFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * Runs what the image and the unit run: the JVM with docker/jvm.options, the HEALTHCHECK probe against a real
 * HTTP server on loopback, and the CPU pinning wrapper.
 */
class DeploymentScriptsTest {

    record Result(int exitCode, String output) {
    }

    @Test
    void theJvmAcceptsEveryFlagOfJvmOptionsWithoutAWarning() throws Exception {
        Result result = run(Map.of(), java(), "@" + DeploymentFiles.DOCKER.resolve("jvm.options"), "-version");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized")
                .doesNotContainIgnoringCase("ignoring").contains("25");
    }

    @Test
    void jvmOptionsHoldThePiFlagsButNotTheCacheWhichEachCommandNames() {
        List<String> flags = jvmOptions("docker/jvm.options");
        assertThat(flags).contains("-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError");
        assertThat(flags).noneMatch(f -> f.startsWith("-XX:AOTCache"));
        assertThat(read("docs/bench/startup-footprint.sh")).contains("OPTIONS=$ROOT/docker/jvm.options",
                "@\"$OPTIONS\"");
    }

    @Test
    void healthCheckProbeSaysHealthyOnlyFor200(@TempDir Path classes) throws Exception {
        var javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "--release", "25", "-d", classes.toString(),
                DeploymentFiles.DOCKER.resolve("HealthCheck.java").toString())).isZero();

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health/liveness", exchange -> respond(exchange, 200));
        server.createContext("/down", exchange -> respond(exchange, 503));
        server.start();
        try {
            int port = server.getAddress().getPort();
            String base = "http://127.0.0.1:" + port;
            String cp = classes.toString();
            // No argument: the liveness probe on SERVER_PORT, as in the image.
            Result live = run(Map.of("SERVER_PORT", String.valueOf(port)), java(), "-cp", cp, "HealthCheck");
            assertThat(live.exitCode()).as(live.output()).isZero();
            assertThat(live.output()).contains("healthy", "200");

            Result down = run(Map.of(), java(), "-cp", cp, "HealthCheck", base + "/down");
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(down.output()).contains("unhealthy", "503");

            Result missing = run(Map.of(), java(), "-cp", cp, "HealthCheck", base + "/nothing-here");
            assertThat(missing.exitCode()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
        Result refused = run(Map.of("SERVER_PORT", "1"), java(), "-cp", classes.toString(), "HealthCheck");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("unhealthy");
    }

    @Test
    void keepOffCpu3PinsTheCommandAndStillRunsItWhereItCannot() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");
        assumeTrue(run(Map.of(), "sh", "-c", "command -v taskset").exitCode() == 0, "needs taskset (util-linux)");
        String script = DeploymentFiles.DOCKER.resolve("keep-off-cpu3.sh").toString();
        String showCpus = "grep Cpus_allowed_list /proc/self/status";

        Result pinned = run(Map.of("LEDMATRIX_JVM_CPUS", "0"), "sh", script, "sh", "-c", showCpus);
        assertThat(pinned.exitCode()).isZero();
        assertThat(pinned.output()).containsPattern("Cpus_allowed_list:\\s+0\\s*$");

        Result impossible = run(Map.of("LEDMATRIX_JVM_CPUS", "4095"), "sh", script, "sh", "-c", showCpus);
        assertThat(impossible.exitCode()).isZero();
        assertThat(impossible.output()).contains("cannot pin to CPUs 4095", "Cpus_allowed_list");

        Result failing = run(Map.of(), "sh", script, "sh", "-c", "exit 7");
        assertThat(failing.exitCode()).as("the command's exit code passes through").isEqualTo(7);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Result run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: %s", String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
