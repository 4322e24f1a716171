package dev.ledmatrix.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.ledmatrix.state.PluginState;

/** The global cap, shutdown of everything, and stderr in the service log with secrets masked. */
class ProcessSupervisionTest {

    @TempDir
    Path dir;

    @Test
    void neverMoreProcessesThanTheCapAndAStoppedOneFreesItsSlot() {
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(2, "512MB"))) {
            for (String id : List.of("a", "b", "c")) {
                probes.fixture.actions().create(probes.spec(id, "probe", Duration.ofSeconds(10), "{}"));
            }
            assertThat(probes.markedProcesses()).hasSize(2);
            assertThat(probes.fixture.states().getState("c")).isEqualTo(PluginState.ERROR);
            assertThat(probes.fixture.states().getErrorInfo("c").orElseThrow().error())
                    .contains("2 are running (ledmatrix.process-plugins.max-processes)");
            probes.fixture.actions().disable("a");
            probes.fixture.actions().reset("c");
            assertThat(probes.fixture.states().getState("c")).isEqualTo(PluginState.ENABLED);
            assertThat(probes.markedProcesses()).hasSize(2);
        }
    }

    @Test
    void shuttingDownStopsEveryProcessAndWhatItDaemonized() {
        ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"));
        try {
            probes.fixture.actions().create(probes.spec("a", "probe", Duration.ofSeconds(10), "{\"update\": \"daemon\"}"));
            probes.fixture.actions().create(probes.spec("b", "steady", Duration.ofSeconds(10), "{}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probes.fixture.tick();
                return probes.markedProcesses().size() == 3;
            });
        } finally {
            probes.supervisor.destroy(); // as at shutdown: the supervisor alone, before the runtime closes plugins
        }
        assertThat(probes.markedProcesses()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProbePlugins.zombieChildren().isEmpty());
        probes.close();
    }

    @Test
    void anyOrphanAdoptedWhilePluginsRunIsReapedNotLeftAZombie() throws Exception {
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"))) {
            probes.fixture.actions().create(probes.spec("a", "probe", Duration.ofSeconds(10), "{}"));
            // Not a plugin: something else in the service starts a shell that leaves a child behind. As subreaper
            // the service adopts it; when it exits, nobody but the sweep would ever reap it.
            Process shell = new ProcessBuilder("sh", "-c", "sleep 0.3 & exit 0").start();
            shell.waitFor();
            await().atMost(Duration.ofSeconds(3)).until(() -> !ProbePlugins.zombieChildren().isEmpty()
                    || ProcFs.childrenOf(ProcessHandle.current().pid()).size() == 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(ProbePlugins.zombieChildren()).isEmpty());
        }
    }

    @Test
    void stderrGoesToTheLogUnderThePluginsIdWithSecretsMasked() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger("plugin.s");
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(event.getLevel() + " " + event.getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        try (ProbePlugins probes = new ProbePlugins(dir, ProbePlugins.properties(8, "512MB"))) {
            probes.fixture.actions().create(probes.spec("s", "probe", Duration.ofSeconds(10),
                    "{\"secret\": \"hunter2-sesame\"}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                probes.fixture.tick();
                return lines.stream().anyMatch(l -> l.contains("using secret"));
            });
            assertThat(lines).anyMatch(l -> l.equals("WARN WARNING using secret •••••• now"));
            assertThat(lines).noneMatch(l -> l.contains("hunter2"));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
