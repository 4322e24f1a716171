package dev.ledmatrix.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;
import tools.jackson.databind.json.JsonMapper;

/** One ProcessPlugin driven directly: live content and cycle complete, config changes, failing starts. */
class ProcessPluginSignalsTest {

    @TempDir
    Path dir;

    private ProcessPlugin plugin(ProbePlugins probes, String config) {
        ProcessPluginType type = probes.scan.types().stream().filter(t -> t.descriptor().id().equals("probe"))
                .findFirst().orElseThrow();
        return (ProcessPlugin) type.create(new PluginContext("p",
                PluginConfig.of(JsonMapper.builder().build().readTree(config)), Clock.systemUTC()));
    }

    private static UpdateContext updateContext() {
        return new UpdateContext(Duration.ofSeconds(10), Instant.now().plusSeconds(10), Clock.systemUTC());
    }

    @Test
    void liveContentAndCycleCompleteComeFromThePlugin() throws Exception {
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"))) {
            ProcessPlugin plugin = plugin(probes, "{\"live\": true, \"cycle\": false}");
            plugin.onEnable();
            assertThat(plugin.hasLiveContent()).isFalse();
            plugin.update(updateContext());
            await().atMost(Duration.ofSeconds(5)).until(plugin::hasLiveContent);
            RenderContext context = new RenderContext(Instant.now(), Instant.now(), 1);
            assertThat(plugin.isCycleComplete(context)).isTrue();
            plugin.render(new Canvas(64, 32), context);
            assertThat(plugin.isCycleComplete(context)).isFalse();
            assertThat(plugin.onConfigChange(PluginConfig.of(JsonMapper.builder().build().readTree("{}")))).isTrue();
            plugin.render(new Canvas(64, 32), context);
            assertThat(plugin.isCycleComplete(context)).isTrue();
            plugin.close();
            assertThat(plugin.hasLiveContent()).isFalse();
            assertThat(probes.markedProcesses()).isEmpty();
        }
    }

    @Test
    void anUpdateAfterDisableNeverStartsAProcess() throws Exception {
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"))) {
            ProcessPlugin plugin = plugin(probes, "{}");
            plugin.onEnable();
            plugin.onDisable();
            assertThatThrownBy(() -> plugin.update(updateContext())).hasMessageContaining("not enabled");
            assertThat(probes.markedProcesses()).isEmpty();
            plugin.onEnable();
            plugin.update(updateContext());
            assertThat(probes.markedProcesses()).hasSize(1);
            plugin.close();
        }
    }

    @Test
    void aCommandThatExitsAtOnceFailsItsEnableWithHowItEnded() throws Exception {
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"))) {
            Files.writeString(probes.pluginsDir.resolve("probe/probe.py"), "import sys\nsys.exit(7)\n");
            ProcessPlugin plugin = plugin(probes, "{}");
            assertThatThrownBy(plugin::onEnable).hasMessageContaining("exited with status 7");
            assertThat(probes.supervisor.runningProcesses()).isZero();
        }
    }

    @Test
    void aPluginSpeakingAnotherProtocolVersionIsRefused() throws Exception {
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"))) {
            Files.writeString(probes.pluginsDir.resolve("probe/probe.py"), """
                    import json, sys
                    for line in sys.stdin:
                        m = json.loads(line)
                        print(json.dumps({"type": "ready", "seq": m["seq"], "protocol": 99}), flush=True)
                    """);
            ProcessPlugin plugin = plugin(probes, "{}");
            assertThatThrownBy(plugin::onEnable).hasMessageContaining("protocol version 99");
            assertThat(probes.markedProcesses()).isEmpty();
        }
    }
}
