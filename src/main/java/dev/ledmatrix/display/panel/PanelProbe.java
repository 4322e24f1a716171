package dev.ledmatrix.display.panel;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A trial run of the native panel in a short-lived child JVM ({@link PanelProbeMain}), with exactly the
 * options the service would use, before the library is ever loaded into the service's own process.
 * Whatever the library does there (exit(1), abort(), a crash, a hang), the service only learns the exit
 * status and the output, and keeps running on the emulator. This is what guarantees that no
 * {@code ledmatrix.panel.*} value on any board with any permissions can end the service, including library
 * versions nobody here has read; {@link PanelPreflight} only explains the known cases earlier and better.
 */
final class PanelProbe {

    /** Long enough for a cold JVM on a Pi 3 (about 2 s) many times over; a hang is a failure too. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String OPENED = "ledmatrix-panel-probe: opened ";
    static final String REFUSED = "ledmatrix-panel-probe: refused ";
    static final int EXIT_REFUSED = 2;
    /** The library's output kept for health and the log: the end of it, where the reason is. */
    static final int MAX_OUTPUT_LINES = 12;
    static final int MAX_OUTPUT_CHARS = 2000;
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /**
     * @param opened        the panel opened and showed a frame in the child
     * @param problem       why not, in the user's words; null when opened
     * @param libraryOutput what the library printed (the last lines), null when it printed nothing
     */
    record Outcome(boolean opened, String problem, String libraryOutput) {
    }

    private PanelProbe() {
    }

    static Outcome run(PanelProperties properties) {
        Path output = null;
        try {
            output = Files.createTempFile("ledmatrix-panel-probe-", ".log");
            Process child = new ProcessBuilder(command(properties)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!child.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
                String out = libraryOutput(read(output));
                return new Outcome(false, "opening the panel did not finish within " + TIMEOUT.toSeconds()
                        + " s in a trial run, so the library is not loaded into the service"
                        + LibraryMessages.lastWords(out), out);
            }
            return interpret(child.exitValue(), read(output), properties);
        } catch (IOException e) {
            return new Outcome(false, "the trial run of the native panel could not be started (" + e.getMessage()
                    + "), so the library is not loaded into the service", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted while trying the native panel", null);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    static Outcome interpret(int exitStatus, String all, PanelProperties properties) {
        String out = libraryOutput(all);
        if (exitStatus == 0 && all.contains(OPENED)) {
            return new Outcome(true, null, out);
        }
        if (exitStatus == EXIT_REFUSED && all.contains(REFUSED)) {
            String refused = all.substring(all.indexOf(REFUSED) + REFUSED.length()).lines().findFirst().orElse("");
            String hint = LibraryMessages.hint(out, properties);
            return new Outcome(false, (hint == null ? refused : hint + " (" + refused + ")")
                    + LibraryMessages.lastWords(out), out);
        }
        String how = exitStatus > 128 ? "was killed by signal " + (exitStatus - 128) + signalName(exitStatus - 128)
                : "called exit(" + exitStatus + ")";
        String hint = LibraryMessages.hint(out, properties);
        return new Outcome(false, (hint == null ? "" : hint + ". ") + "In a trial run with these options the library "
                + how + ", which would have ended the service; it runs on the emulator instead"
                + LibraryMessages.lastWords(out), out);
    }

    /** The child's output without the probe's own lines: what the library printed. */
    static String libraryOutput(String all) {
        // Not the library's: the probe's own lines, SLF4J's note on the no-op logger, the JVM's notes.
        List<String> lines = all.lines().filter(l -> !l.isBlank() && !l.startsWith("ledmatrix-panel-probe: ")
                && !l.startsWith("SLF4J(") && !l.startsWith("Picked up ")).toList();
        if (lines.isEmpty()) {
            return null;
        }
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - MAX_OUTPUT_LINES), lines.size()));
        return tail.length() <= MAX_OUTPUT_CHARS ? tail : "…" + tail.substring(tail.length() - MAX_OUTPUT_CHARS);
    }

    /** The same JVM, the same class path, the probe's main class, the options as arguments. */
    static List<String> command(PanelProperties properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx48m",
                "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                // no logging framework output in the child: what it prints is the library's
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "ledmatrix-panel-probe-hs_err-%p.log"),
                "-cp", System.getProperty("java.class.path")));
        if (PanelProbe.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            // Started from the executable jar: its launcher finds the classes nested in it.
            command.add("-Dloader.main=" + PanelProbeMain.class.getName());
            command.add(PROPERTIES_LAUNCHER);
        } else {
            command.add(PanelProbeMain.class.getName());
        }
        command.addAll(encode(properties));
        return command;
    }

    /** Every set property as {@code kebab-name=value}, read back by {@link #decode} with Spring's binder. */
    static List<String> encode(PanelProperties properties) {
        List<String> args = new ArrayList<>();
        for (RecordComponent component : PanelProperties.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(properties);
                if (value != null) {
                    args.add(PanelOptionsCheck.kebab(component.getName()) + "=" + value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return args;
    }

    static PanelProperties decode(String[] args) {
        Map<String, String> map = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            map.put("ledmatrix.panel." + arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("ledmatrix.panel",
                PanelProperties.class);
    }

    private static String read(Path output) throws IOException {
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT: abort())";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV: a crash)";
            case 7 -> " (SIGBUS)";
            default -> "";
        };
    }
}
