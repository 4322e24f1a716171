package dev.ledmatrix.plugin.process;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One running plugin process and its three pipes. Requests are written by a writer thread from a small queue, so
 * no caller ever blocks on a child that stopped reading; answers are matched to requests by {@code seq}. Anything
 * the child writes that breaks the protocol, closing stdout, or exiting ends this process object: its group is
 * killed, every waiting request fails with the reason, and {@link #ended()} completes.
 */
final class PluginProcess {

    private static final Logger log = LoggerFactory.getLogger(PluginProcess.class);
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int OUTBOX = 32;
    private static final byte[] POISON = new byte[0];

    /** The plugin answered a request with an error (it raised). */
    static final class PluginError extends Exception {
        PluginError(String message) {
            super(message);
        }
    }

    /** The process is gone, or was killed; the message says how. */
    static final class PluginProcessEnded extends Exception {
        PluginProcessEnded(String message) {
            super(message);
        }
    }

    /** What the plugin may say without being asked. */
    interface Signals {
        void live(boolean live);
    }

    /** An answer: the message and, for a frame, its pixels. */
    record Reply(JsonNode message, byte[] frame) {
    }

    private record Pending(CompletableFuture<Reply> future, int frameBytes) {
    }

    final String instanceId;
    final String token;
    private final Process process;
    private final ProcessSupervisor supervisor;
    private final JsonMapper json;
    private final Signals signals;
    private final StderrLog stderr;
    private final ArrayBlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(OUTBOX);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicReference<String> endReason = new AtomicReference<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile boolean expectedEnd;

    PluginProcess(String instanceId, String token, Process process, ProcessSupervisor supervisor, JsonMapper json,
            Signals signals, StderrLog stderr) {
        this.instanceId = instanceId;
        this.token = token;
        this.process = process;
        this.supervisor = supervisor;
        this.json = json;
        this.signals = signals;
        this.stderr = stderr;
    }

    /** Starts the pipe threads; called once, right after the process was spawned. */
    void start() {
        Thread.ofPlatform().daemon().name("plugin-" + instanceId + "-out").start(this::readStdout);
        Thread.ofPlatform().daemon().name("plugin-" + instanceId + "-in").start(this::writeStdin);
        Thread.ofPlatform().daemon().name("plugin-" + instanceId + "-err").start(
                () -> stderr.drain(process.getErrorStream()));
        // On a thread of its own: cleaning up may wait a little for killed descendants to go.
        process.onExit().thenRunAsync(() -> {
            int status = process.exitValue();
            end(status > 128 && status < 160
                    ? "was killed by signal " + (status - 128) + signalName(status - 128)
                    : "exited with status " + status);
        }, task -> Thread.ofVirtual().name("plugin-" + instanceId + "-exit").start(task));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return endReason.get() == null;
    }

    /** Why it ended, or null while it runs. */
    String endReason() {
        return endReason.get();
    }

    /** True if the service ended it on purpose (stop, or a kill after a timeout): not a crash to report. */
    boolean expectedEnd() {
        return expectedEnd;
    }

    /** Completes with the reason once the process has exited and everything it left behind is killed. */
    CompletableFuture<String> ended() {
        return ended;
    }

    /** Sends a request; the future completes with its answer, or fails with {@link PluginError} or ended. */
    CompletableFuture<Reply> request(ObjectNode message, int frameBytes) {
        long n = seq.incrementAndGet();
        message.put("seq", n);
        CompletableFuture<Reply> future = new CompletableFuture<>();
        pending.put(n, new Pending(future, frameBytes));
        String reason = endReason.get();
        if (reason != null) {
            fail(n, reason);
        } else if (!outbox.offer(bytes(message))) {
            kill("stopped reading its input (" + OUTBOX + " messages waiting)", false);
        }
        return future;
    }

    /** Sends a message that has no answer (cancel, shutdown); dropped if the process is gone or not reading. */
    void tell(ObjectNode message) {
        message.put("seq", seq.incrementAndGet());
        if (alive()) {
            outbox.offer(bytes(message));
        }
    }

    long lastSeq() {
        return seq.get();
    }

    /**
     * Asks the process to exit, waits up to {@code grace}, then kills its group and whatever it daemonized.
     * Returns once it is gone (or after a bounded wait if even SIGKILL is not enough).
     */
    void stop(Duration grace) {
        expectedEnd = true;
        if (alive()) {
            tell(Protocol.shutdown());
            outbox.offer(POISON); // nothing more to say: close its stdin, so a plugin that only reads sees the end
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // did not exit in time: killed below
            }
        }
        kill("was stopped by the service", true);
        awaitEnd();
    }

    /** Kills the process group now; {@code expected} marks it as the service's doing. */
    void kill(String reason, boolean expected) {
        if (expected) {
            expectedEnd = true;
        }
        if (endReason.compareAndSet(null, reason) && !expected) {
            log.warn("Plugin {}: its process {} {}; killing its process group", instanceId, process.pid(), reason);
        }
        supervisor.killGroup(process);
        failPending();
        outbox.offer(POISON);
    }

    void awaitEnd() {
        try {
            ended.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Plugin {}: process {} did not end within 5 s of SIGKILL", instanceId, process.pid());
        }
    }

    /** The process has exited (reaped by the JDK): kill what it left, fail what waits, free its slot. */
    private void end(String exitReason) {
        if (endReason.compareAndSet(null, exitReason)) {
            if (expectedEnd) {
                log.info("Plugin {}: its process {} {}", instanceId, process.pid(), exitReason);
            } else {
                log.warn("Plugin {}: its process {} {}", instanceId, process.pid(), exitReason);
            }
        }
        if (cleaned.compareAndSet(false, true)) {
            supervisor.cleanUp(this, process);
            failPending();
            outbox.offer(POISON);
            ended.complete(endReason.get());
        }
    }

    private void failPending() {
        String reason = endReason.get();
        for (Long n : pending.keySet()) {
            fail(n, reason);
        }
    }

    private void fail(long n, String reason) {
        Pending p = pending.remove(n);
        if (p != null) {
            p.future.completeExceptionally(new PluginProcessEnded("plugin process " + reason));
        }
    }

    private byte[] bytes(ObjectNode message) {
        byte[] body = json.writeValueAsBytes(message);
        byte[] line = new byte[body.length + 1];
        System.arraycopy(body, 0, line, 0, body.length);
        line[body.length] = '\n';
        return line;
    }

    // --- pipe threads -------------------------------------------------------------------------

    private void writeStdin() {
        try (OutputStream out = process.getOutputStream()) {
            while (true) {
                byte[] line = outbox.take();
                if (line == POISON) {
                    return;
                }
                out.write(line);
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            kill("closed its input", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdout() {
        try (InputStream in = new BufferedInputStream(process.getInputStream(), 1 << 16)) {
            while (alive()) {
                byte[] line = readLine(in);
                if (line == null) {
                    // Usually because it exited: then let the exit status be the reason, not the closed pipe.
                    if (!exitsWithin(Duration.ofMillis(500))) {
                        kill("closed its output", false);
                    }
                    return;
                }
                if (line.length > 0) {
                    handle(line, in);
                }
            }
        } catch (ProtocolViolation e) {
            kill("broke the protocol: " + e.getMessage(), false);
        } catch (IOException e) {
            kill("output could not be read: " + e.getMessage(), false);
        }
    }

    private boolean exitsWithin(Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static final class ProtocolViolation extends Exception {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private void handle(byte[] line, InputStream in) throws IOException, ProtocolViolation {
        JsonNode message;
        try {
            message = json.readTree(line);
        } catch (JacksonException e) {
            throw new ProtocolViolation("a line that is not JSON: " + preview(line));
        }
        if (message == null || !message.isObject() || !message.path("type").isString()) {
            throw new ProtocolViolation("a message without a \"type\": " + preview(line));
        }
        long n = message.path("seq").asLong(-1);
        switch (message.path("type").asString()) {
            case "frame" -> {
                int length = message.path("length").asInt(-1);
                Pending p = pending.get(n);
                if (length < 0 || length > MAX_FRAME || (p != null && length != p.frameBytes)) {
                    throw new ProtocolViolation("a frame of " + length + " bytes where "
                            + (p == null ? "at most " + MAX_FRAME : p.frameBytes) + " were asked for");
                }
                byte[] pixels = in.readNBytes(length);
                if (pixels.length != length) {
                    throw new ProtocolViolation("a frame cut short (" + pixels.length + " of " + length + " bytes)");
                }
                complete(n, new Reply(message, pixels));
            }
            case "ok", "ready" -> complete(n, new Reply(message, null));
            case "error" -> {
                Pending p = pending.remove(n);
                if (p != null) {
                    p.future.completeExceptionally(new PluginError(
                            stderr.mask(message.path("message").asString("the plugin reported an error"))));
                }
            }
            case "live" -> signals.live(message.path("live").asBoolean(false));
            default -> throw new ProtocolViolation("an unknown message type: " + preview(line));
        }
    }

    private void complete(long n, Reply reply) {
        Pending p = pending.remove(n);
        if (p != null) {
            p.future.complete(reply); // an answer to a request nobody waits for any more is simply dropped
        }
    }

    /** One line without its newline; null at the end of the stream; a line past the limit breaks the protocol. */
    private static byte[] readLine(InputStream in) throws IOException, ProtocolViolation {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolViolation("a line longer than " + MAX_LINE / 1024 + " KiB");
            }
            line.write(b);
        }
        return null;
    }

    private String preview(byte[] line) {
        String text = new String(line, 0, Math.min(line.length, 80), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return stderr.mask(text) + (line.length > 80 ? "…" : "");
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
