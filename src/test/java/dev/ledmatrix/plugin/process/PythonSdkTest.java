package dev.ledmatrix.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the SDK's own tests (src/test/python, standard library unittest) with the machine's Python 3, and the
 * Pillow ones with Debian's python3-pil under /usr/bin/python3 where that is installed. Without any Python 3 the
 * tests skip locally and fail on CI, where it belongs on the build machine.
 */
class PythonSdkTest {

    @Test
    void sdkTestsPassWithThePythonOnThePath() throws Exception {
        String output = run("python3");
        assertThat(output).contains("OK");
    }

    @Test
    void sdkTestsPassWithPillowWhereDebiansPython3PilIsInstalled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        assumeTrue(new ProcessBuilder("/usr/bin/python3", "-c", "import PIL").start().waitFor() == 0
                || "true".equals(System.getenv("CI")), "python3-pil is not installed");
        String output = run("/usr/bin/python3");
        assertThat(output).contains("OK").doesNotContain("skipped");
    }

    private static String run(String python) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python, "-m", "unittest", "-v", "test_sdk")
                .directory(Path.of("src/test/python").toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", Path.of("src/main/python").toAbsolutePath().toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            assumeTrue("true".equals(System.getenv("CI")), python + " is not installed");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
