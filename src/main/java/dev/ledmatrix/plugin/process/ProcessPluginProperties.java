package dev.ledmatrix.plugin.process;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ledmatrix.process-plugins.*}: limits and timings of plugins that run as child processes.
 *
 * @param maxProcesses  never more plugin processes than this at once; an instance beyond it does not start
 * @param memoryLimit   address space per process (RLIMIT_AS through {@code prlimit}); not resident memory
 * @param openFiles     open files per process (RLIMIT_NOFILE)
 * @param nice          CPU priority of plugin processes (0 to 19; higher yields more to the render loop)
 * @param startTimeout  how long a new process may take to answer the handshake
 * @param replyTimeout  how long configure, enable and disable may take
 * @param cancelGrace   after an update's timeout, how long the plugin has to acknowledge the cancel before its
 *                      process group is killed
 * @param stopGrace     how long a process may take to exit after {@code shutdown} before it is killed
 * @param subreaper     make the service a child subreaper (Linux) so daemonizing grandchildren can be found,
 *                      killed and reaped
 * @param python        the Python interpreter a manifest's {@code "python3"} command runs
 */
@ConfigurationProperties("ledmatrix.process-plugins")
public record ProcessPluginProperties(
        @DefaultValue("8") int maxProcesses,
        @DefaultValue("512MB") DataSize memoryLimit,
        @DefaultValue("256") int openFiles,
        @DefaultValue("10") int nice,
        @DefaultValue("10s") Duration startTimeout,
        @DefaultValue("5s") Duration replyTimeout,
        @DefaultValue("1s") Duration cancelGrace,
        @DefaultValue("2s") Duration stopGrace,
        @DefaultValue("true") boolean subreaper,
        @DefaultValue("python3") String python) {

    public ProcessPluginProperties {
        if (maxProcesses < 0) {
            throw new IllegalArgumentException("ledmatrix.process-plugins.max-processes must be 0 or more, got "
                    + maxProcesses);
        }
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("ledmatrix.process-plugins.nice must be 0 to 19, got " + nice);
        }
        if (openFiles < 16) {
            throw new IllegalArgumentException("ledmatrix.process-plugins.open-files must be at least 16, got "
                    + openFiles);
        }
        if (memoryLimit != null && memoryLimit.toBytes() != 0 && memoryLimit.toMegabytes() < 32) {
            throw new IllegalArgumentException("ledmatrix.process-plugins.memory-limit must be 0 (none) or at "
                    + "least 32MB, got " + memoryLimit);
        }
    }

    /** Defaults, for code and tests outside Spring. */
    public static ProcessPluginProperties defaults() {
        return new ProcessPluginProperties(8, DataSize.ofMegabytes(512), 256, 10, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2), true, "python3");
    }
}
