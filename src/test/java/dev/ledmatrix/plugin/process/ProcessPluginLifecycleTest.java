package dev.ledmatrix.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.plugin.PluginRenderer;
import dev.ledmatrix.plugin.RuntimeFixture;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;

/**
 * Process plugins through the real scheduler, loader and renderer, with real Python children: each misbehaviour
 * ends as the state machine says, is restarted as the rules say, and leaves no process behind.
 */
class ProcessPluginLifecycleTest {

    @TempDir
    Path dir;
    ProbePlugins probes;
    RuntimeFixture fixture;

    @BeforeEach
    void start() {
        probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"));
        fixture = probes.fixture;
    }

    @AfterEach
    void stop() {
        probes.close();
        assertThat(probes.markedProcesses()).as("processes left behind").isEmpty();
        // The JDK reaps its own children a moment after they exit; anything else would stay a zombie for good.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ProbePlugins.zombieChildren()).as("zombies left behind").isEmpty());
    }

    private void create(String id, String type, Duration timeout, String config) {
        fixture.actions().create(probes.spec(id, type, timeout, config));
    }

    /** Ticks until the plugin's update count with this outcome reaches {@code n}. */
    private void updated(String id, String outcome, int n) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            fixture.tick();
            return fixture.count(id, "update", outcome) >= n;
        });
    }

    private ErrorInfo error(String id) {
        return fixture.states().getErrorInfo(id).orElseThrow();
    }

    private PluginRenderer.Result render(String id, Canvas canvas) {
        return fixture.render(id, canvas, new RenderContext(Instant.now(), Instant.now(), 1));
    }

    @Test
    void aWorkingPluginRunsInOneProcessUpdatesRendersAndIsGoneWhenDeleted() {
        create("p", "probe", Duration.ofSeconds(10), "{}");
        assertThat(fixture.states().getState("p")).isEqualTo(PluginState.ENABLED);
        assertThat(probes.markedProcesses()).hasSize(1);
        updated("p", "SUCCESS", 1);
        Canvas canvas = new Canvas(64, 32);
        assertThat(render("p", canvas)).isEqualTo(PluginRenderer.Result.RENDERED);
        assertThat(canvas.getPixel(5, 5)).isEqualTo(new Color(0, 128, 255));
        assertThat(canvas.getPixel(0, 0).r()).isGreaterThanOrEqualTo(1); // drawn after its update
        fixture.actions().delete("p");
        assertThat(probes.markedProcesses()).isEmpty();
        assertThat(probes.supervisor.runningProcesses()).isZero();
    }

    @Test
    void disablingStopsTheProcessAndEnablingStartsANewOne() {
        create("p", "probe", Duration.ofSeconds(10), "{}");
        List<Long> first = probes.markedProcesses();
        fixture.actions().disable("p");
        assertThat(probes.markedProcesses()).isEmpty();
        assertThat(render("p", new Canvas(64, 32))).isEqualTo(PluginRenderer.Result.NOT_RENDERABLE);
        fixture.actions().enable("p");
        assertThat(probes.markedProcesses()).hasSize(1).doesNotContainAnyElementsOf(first);
    }

    @Test
    void anUpdateThatRaisesIsARecoverableFailureAndTheProcessStays() {
        create("p", "probe", Duration.ofSeconds(10), "{\"update\": \"raise\"}");
        List<Long> before = probes.markedProcesses();
        updated("p", "FAILURE", 1);
        assertThat(fixture.states().getState("p")).isIn(PluginState.ENABLED, PluginState.RUNNING);
        ErrorInfo info = error("p");
        assertThat(info.recoverable()).isTrue();
        assertThat(info.error()).contains("ValueError: probe failed on purpose");
        assertThat(probes.markedProcesses()).isEqualTo(before);
    }

    @Test
    void anUpdateHungInACallIsCancelledThenKilledAndTheNextAttemptStartsANewProcess() {
        create("p", "probe", Duration.ofSeconds(4), "{\"update\": \"hang\", \"once\": \"" + dir.resolve("once") + "\"}");
        List<Long> before = probes.markedProcesses();
        create("other", "steady", Duration.ofSeconds(10), "{}");
        updated("p", "TIMEOUT", 1);
        // Meanwhile the other plugin kept updating on its interval (1 s) and rendering.
        assertThat(fixture.count("other", "update", "SUCCESS")).isGreaterThanOrEqualTo(2);
        // (retried: while one of its updates runs, a plugin is not renderable, by design)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> render("other", new Canvas(64, 32)) == PluginRenderer.Result.RENDERED);
        // Killed within the cancel grace: the old process is gone, the attempt's thread ends.
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.markedProcesses().stream().noneMatch(before::contains));
        assertThat(error("p").errorType()).isEqualTo("Timeout");
        updated("p", "SUCCESS", 1);
        assertThat(probes.markedProcesses()).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(fixture.states().getErrorInfo("p")).isEmpty();
    }

    @Test
    void anUpdateSpinningInPythonIsCancelledAndTheProcessStays() {
        create("p", "probe", Duration.ofSeconds(4), "{\"update\": \"spin\", \"once\": \"" + dir.resolve("once") + "\"}");
        List<Long> before = probes.markedProcesses();
        updated("p", "TIMEOUT", 1);
        updated("p", "SUCCESS", 1);
        assertThat(probes.markedProcesses()).isEqualTo(before);
    }

    @Test
    void aProcessThatExitsFailsItsUpdateAndIsRestartedForTheNextAttempt() {
        restartsAfter("exit", "exited with status 3");
    }

    @Test
    void aProcessKilledByASignalFailsItsUpdateAndIsRestartedForTheNextAttempt() {
        restartsAfter("signal", "killed by signal 9");
    }

    @Test
    void garbageOnStdoutKillsTheProcessAsAFailureAndTheNextAttemptStartsANewOne() {
        restartsAfter("garbage", "broke the protocol: a line that is not JSON: this is not json");
    }

    @Test
    void closingStdoutKillsTheProcessAsAFailureAndTheNextAttemptStartsANewOne() {
        restartsAfter("close", "closed its output");
    }

    private void restartsAfter(String misbehaviour, String reason) {
        create("p", "probe", Duration.ofSeconds(10),
                "{\"update\": \"" + misbehaviour + "\", \"once\": \"" + dir.resolve("once") + "\"}");
        List<Long> before = probes.markedProcesses();
        updated("p", "FAILURE", 1);
        ErrorInfo info = error("p");
        assertThat(info.error()).contains(reason);
        assertThat(info.recoverable()).isTrue();
        assertThat(info.consecutiveFailures()).isEqualTo(1);
        assertThat(fixture.states().getState("p")).isIn(PluginState.ENABLED, PluginState.RUNNING);
        updated("p", "SUCCESS", 1);
        assertThat(probes.markedProcesses()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aProcessThatDiesBetweenUpdatesFailsTheNextUpdateWithHowItDied() throws Exception {
        create("p", "probe", Duration.ofSeconds(10), "{}");
        long pid = probes.markedProcesses().getFirst();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.supervisor.runningProcesses() == 0);
        updated("p", "FAILURE", 1);
        assertThat(error("p").error()).contains("killed by signal 9");
        assertThat(render("p", new Canvas(64, 32))).isEqualTo(PluginRenderer.Result.DROPPED);
        updated("p", "SUCCESS", 1);
        assertThat(probes.markedProcesses()).hasSize(1);
    }

    @Test
    void exceedingTheMemoryLimitFailsTheUpdateAndTheLimitIsSet() throws Exception {
        create("p", "probe", Duration.ofSeconds(10), "{\"update\": \"memory\"}");
        long pid = probes.markedProcesses().getFirst();
        String limits = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/limits"));
        assertThat(limits).containsPattern("Max address space\\s+536870912\\s+536870912");
        assertThat(limits).containsPattern("Max open files\\s+64\\s+64");
        updated("p", "FAILURE", 1);
        assertThat(error("p").error()).contains("MemoryError");
    }

    @Test
    void aDaemonizedGrandchildIsKilledWithItsPluginAndNotLeftAZombie() {
        create("p", "probe", Duration.ofSeconds(10), "{\"update\": \"daemon\"}");
        updated("p", "SUCCESS", 1);
        assertThat(probes.markedProcesses()).hasSize(2);
        long daemon = probes.markedProcesses().stream().filter(pid -> {
            ProcFs.Stat stat = ProcFs.stat(pid);
            return stat != null && stat.session() != pid;
        }).findFirst().orElse(-1L);
        // Re-parented to the service (child subreaper), in a session of its own: not in the plugin's group.
        assertThat(daemon).isPositive();
        assertThat(ProcFs.stat(daemon).parent()).isEqualTo(ProcessHandle.current().pid());
        fixture.actions().delete("p");
        assertThat(probes.markedProcesses()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProbePlugins.zombieChildren().isEmpty());
    }

    @Test
    void aChildInThePluginsGroupDiesWithIt() {
        create("p", "probe", Duration.ofSeconds(10), "{\"update\": \"group-child\"}");
        updated("p", "SUCCESS", 1);
        assertThat(probes.markedProcesses()).hasSize(2);
        fixture.actions().disable("p");
        assertThat(probes.markedProcesses()).isEmpty();
    }

    @Test
    void aRenderThatRaisesOrHangsLosesItsFrameAndOtherPluginsKeepRendering() {
        create("bad", "probe", Duration.ofSeconds(10), "{\"render\": \"hang\"}");
        create("ok", "steady", Duration.ofSeconds(10), "{}");
        Canvas canvas = new Canvas(64, 32);
        long start = System.nanoTime();
        assertThat(render("bad", canvas)).isEqualTo(PluginRenderer.Result.DROPPED);
        long waited = (System.nanoTime() - start) / 1_000_000;
        // The fixture's budget is 2 s: the render never waits on the pipe beyond it (generous slack for load).
        assertThat(waited).isLessThan(4000);
        for (int i = 0; i < 20; i++) {
            assertThat(render("ok", canvas)).isEqualTo(PluginRenderer.Result.RENDERED);
        }
        assertThat(canvas.getPixel(5, 5)).isEqualTo(new Color(0, 128, 255));
        // A second render of the hung plugin does not queue another request behind the first.
        assertThat(render("bad", canvas)).isEqualTo(PluginRenderer.Result.DROPPED);
    }

    @Test
    void aRenderThatRaisesIsADroppedFrame() {
        create("p", "probe", Duration.ofSeconds(10), "{\"render\": \"raise\"}");
        assertThat(render("p", new Canvas(64, 32))).isEqualTo(PluginRenderer.Result.DROPPED);
        assertThat(fixture.states().getState("p")).isEqualTo(PluginState.ENABLED);
    }
}
