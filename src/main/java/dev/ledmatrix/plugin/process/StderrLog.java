package dev.ledmatrix.plugin.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A plugin's stderr, line by line, into the service log under the logger {@code plugin.<instance id>}, with the
 * instance's secret config values masked. A line that starts with a Python logging level name is logged at that
 * level. At most {@value #LINES_PER_SECOND} lines a second, so a chatty plugin cannot flood the log; the rest are
 * counted and the count logged.
 */
final class StderrLog {

    static final int LINES_PER_SECOND = 20;
    private static final int MAX_CHARS = 2000;

    private final Logger log;
    private volatile SecretValues secrets;
    private long windowStart;
    private int inWindow;
    private int suppressed;

    StderrLog(String instanceId, SecretValues secrets) {
        this.log = LoggerFactory.getLogger("plugin." + instanceId);
        this.secrets = secrets;
    }

    void secrets(SecretValues values) {
        this.secrets = values;
    }

    String mask(String text) {
        return secrets.mask(text);
    }

    void drain(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line(line);
            }
        } catch (IOException e) {
            // the process is gone
        }
        if (suppressed > 0) {
            log.warn("({} more lines from the plugin were not logged)", suppressed);
        }
    }

    void line(String raw) {
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
            if (suppressed > 0) {
                log.warn("({} more lines from the plugin were not logged)", suppressed);
            }
            windowStart = now;
            inWindow = 0;
            suppressed = 0;
        }
        if (++inWindow > LINES_PER_SECOND) {
            suppressed++;
            return;
        }
        String text = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) + "…" : raw;
        text = mask(text.replaceAll("\\p{Cntrl}", " "));
        log.atLevel(level(text)).log(text);
    }

    private static Level level(String text) {
        if (text.startsWith("ERROR") || text.startsWith("CRITICAL") || text.startsWith("Traceback")) {
            return Level.ERROR;
        }
        if (text.startsWith("WARNING")) {
            return Level.WARN;
        }
        if (text.startsWith("DEBUG")) {
            return Level.DEBUG;
        }
        return Level.INFO;
    }
}
