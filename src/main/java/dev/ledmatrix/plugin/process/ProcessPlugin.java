package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Frame;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;

/**
 * A plugin instance whose code runs in a child process, behind the ordinary SPI, so the scheduler's timeouts,
 * backoff and state machine apply unchanged. The process starts when the instance is enabled and stops when it is
 * disabled or closed. An update that is interrupted (its timeout passed) sends {@code cancel}; if the plugin does
 * not answer within the cancel grace its process group is killed, and the next attempt starts a new process. A
 * process that died on its own fails the next update with how it died (so it counts as a failed update and backs
 * off like one), and the attempt after that starts a new one. A render waits only until the render thread is
 * interrupted at its budget, and never sends a second request while one is unanswered.
 */
final class ProcessPlugin implements Plugin, PluginProcess.Signals {

    private static final Logger log = LoggerFactory.getLogger(ProcessPlugin.class);

    private final String instanceId;
    private final Manifest manifest;
    private final ProcessSupervisor supervisor;
    private final StderrLog stderr;
    private volatile PluginConfig config;
    private final Object lock = new Object();
    /** The current process; null before the first start and after a stop. Guarded by lock for changes. */
    private volatile PluginProcess process;
    /** The last process whose end an update has reported (or that ended on the service's purpose). */
    private volatile PluginProcess reported;
    private volatile CompletableFuture<PluginProcess.Reply> pendingRender;
    /** Between onEnable and onDisable/close: only then may an update (re)start a process. */
    private volatile boolean enabled;
    private volatile boolean liveContent;
    private volatile boolean cycleComplete = true;

    ProcessPlugin(String instanceId, Manifest manifest, ProcessSupervisor supervisor, PluginConfig config) {
        this.instanceId = instanceId;
        this.manifest = manifest;
        this.supervisor = supervisor;
        this.config = config;
        this.stderr = new StderrLog(instanceId, secrets(config));
    }

    // --- lifecycle ----------------------------------------------------------------------------

    @Override
    public void onEnable() throws Exception {
        synchronized (lock) {
            enabled = true;
            start(supervisor.properties().startTimeout());
        }
    }

    @Override
    public void onDisable() {
        stopProcess(true);
    }

    @Override
    public void close() {
        stopProcess(false);
    }

    @Override
    public boolean onConfigChange(PluginConfig newConfig) throws Exception {
        PluginProcess p = process;
        config = newConfig;
        stderr.secrets(secrets(newConfig));
        if (p == null || !p.alive()) {
            return true; // the next start configures with it
        }
        await(p.request(Protocol.configure(newConfig.json()), 0), supervisor.properties().replyTimeout(),
                "configure");
        return true;
    }

    // --- update -------------------------------------------------------------------------------

    @Override
    public void update(UpdateContext context) throws Exception {
        PluginProcess p = process;
        if (p == null || !p.alive()) {
            if (p != null && !p.expectedEnd() && reported != p) {
                // It died by itself since the last update: that is this attempt's failure, with its backoff.
                reported = p;
                throw new PluginProcess.PluginProcessEnded("plugin process " + p.endReason()
                        + "; a new one starts at the next attempt");
            }
            synchronized (lock) {
                if (!enabled) {
                    // Disabled or closed while this update was on its way: never start a process for it.
                    throw new PluginProcess.PluginProcessEnded("plugin process is stopped: the instance is not enabled");
                }
                Duration left = Duration.between(context.clock().instant(), context.deadline());
                Duration limit = left.compareTo(supervisor.properties().startTimeout()) < 0
                        ? left : supervisor.properties().startTimeout();
                p = start(limit.isNegative() ? Duration.ZERO : limit);
            }
        }
        CompletableFuture<PluginProcess.Reply> answer = p.request(Protocol.update(context.timeout(),
                context.deadline()), 0);
        long seq = p.lastSeq();
        try {
            answer.get();
        } catch (InterruptedException e) {
            cancel(p, seq, answer);
            throw e;
        } catch (ExecutionException e) {
            throw unwrap(e, p);
        }
    }

    /** The update's time is up: ask the plugin to stop; if it does not answer within the grace, kill it. */
    private void cancel(PluginProcess p, long seq, CompletableFuture<PluginProcess.Reply> answer) {
        p.tell(Protocol.cancel(seq));
        Duration grace = supervisor.properties().cancelGrace();
        try {
            answer.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return; // it stopped (or failed) in time: the process stays
        } catch (InterruptedException | TimeoutException e) {
            // fall through: kill
        } catch (ExecutionException e) {
            return;
        } finally {
            Thread.currentThread().interrupt(); // the caller was interrupted; keep it so
        }
        log.warn("Plugin {}: its update did not end within {} ms of being cancelled; killing its process", instanceId,
                grace.toMillis());
        // Expected: the timeout is already this attempt's failure; the next attempt starts a new process.
        p.kill("was killed: its update passed its timeout and did not answer the cancel within "
                + grace.toMillis() + " ms", true);
    }

    // --- render -------------------------------------------------------------------------------

    @Override
    public void render(Canvas canvas, RenderContext context) {
        PluginProcess p = process;
        if (p == null || !p.alive()) {
            throw new IllegalStateException("plugin process is not running"
                    + (p == null ? "" : ": it " + p.endReason()) + "; a new one starts at the next update");
        }
        int bytes = canvas.width() * canvas.height() * 3;
        CompletableFuture<PluginProcess.Reply> answer = pendingRender;
        if (answer == null || answer.isDone()) {
            // One render in flight at most: a slow plugin answers the request it has, and no queue builds up.
            answer = p.request(Protocol.render(context, canvas.width(), canvas.height()), bytes);
            pendingRender = answer;
        }
        PluginProcess.Reply reply;
        try {
            // The renderer interrupts this thread when the render budget has passed; the ceiling is a safety net.
            reply = answer.get(supervisor.properties().replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("render did not answer within its budget");
        } catch (TimeoutException e) {
            throw new IllegalStateException("render did not answer within " + supervisor.properties().replyTimeout());
        } catch (ExecutionException e) {
            pendingRender = null;
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        pendingRender = null;
        if (reply.frame() == null || reply.frame().length != bytes) {
            throw new IllegalStateException("render answered without a frame of " + bytes + " bytes");
        }
        canvas.drawImage(0, 0, Frame.of(canvas.width(), canvas.height(), reply.frame()));
        cycleComplete = reply.message().path("cycleComplete").asBoolean(true);
    }

    // --- signals (live content, cycle complete) -------------------------------------------------

    @Override
    public void live(boolean live) {
        liveContent = live;
    }

    /** Whether the plugin last said it has live content (a {@code live} message), while its process runs. */
    @Override
    public boolean hasLiveContent() {
        PluginProcess p = process;
        return liveContent && p != null && p.alive();
    }

    /** What the plugin said with its last frame ({@code cycleComplete} in the frame header). */
    @Override
    public boolean isCycleComplete(RenderContext context) {
        return cycleComplete;
    }

    /** The process's pid, or -1 when none runs (for tests and diagnostics). */
    long pid() {
        PluginProcess p = process;
        return p != null && p.alive() ? p.pid() : -1;
    }

    // --- starting and stopping -----------------------------------------------------------------

    /** Starts a process and walks it through hello, configure and enable; the caller holds the lock. */
    private PluginProcess start(Duration timeout) throws Exception {
        PluginProcess old = process;
        if (old != null) {
            old.stop(Duration.ZERO);
        }
        pendingRender = null;
        liveContent = false;
        PluginProcess p;
        try {
            p = supervisor.spawn(instanceId, manifest, this, stderr);
        } catch (IOException e) {
            throw new PluginProcess.PluginProcessEnded(e.getMessage());
        }
        process = p;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            PluginProcess.Reply hello = await(p.request(Protocol.hello(instanceId, supervisor.panelWidth(),
                    supervisor.panelHeight()), 0), remaining(deadline), "hello");
            int version = hello.message().path("protocol").asInt(-1);
            if (version != Protocol.VERSION) {
                throw new PluginProcess.PluginError("it speaks protocol version " + version + "; the service speaks "
                        + Protocol.VERSION);
            }
            await(p.request(Protocol.configure(config.json()), 0), remaining(deadline), "configure");
            await(p.request(Protocol.enable(), 0), remaining(deadline), "enable");
        } catch (Exception e) {
            p.kill("was stopped: it failed to start", true);
            p.awaitEnd();
            throw e;
        }
        return p;
    }

    private void stopProcess(boolean sayDisable) {
        PluginProcess p;
        synchronized (lock) {
            enabled = false;
            p = process;
            process = null;
            pendingRender = null;
        }
        if (p == null || !p.alive()) {
            return;
        }
        if (sayDisable) {
            try {
                await(p.request(Protocol.disable(), 0), supervisor.properties().replyTimeout(), "disable");
            } catch (Exception e) {
                log.info("Plugin {}: disable was not answered cleanly ({}); stopping it anyway", instanceId,
                        e.getMessage());
            }
        }
        p.stop(supervisor.properties().stopGrace());
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Waits for an answer; a plugin that does not answer in time is treated as broken and killed. */
    private PluginProcess.Reply await(CompletableFuture<PluginProcess.Reply> answer, Duration timeout, String what)
            throws Exception {
        PluginProcess p = process;
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (p != null) {
                p.kill("was killed: it did not answer '" + what + "' within " + timeout.toMillis() + " ms", false);
            }
            throw new PluginProcess.PluginProcessEnded("plugin process did not answer '" + what + "' within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unwrap(e, p);
        }
    }

    private Exception unwrap(ExecutionException e, PluginProcess p) {
        Throwable cause = e.getCause();
        if (cause instanceof PluginProcess.PluginProcessEnded && p != null) {
            reported = p; // this failure reports its end
        }
        return cause instanceof Exception ex ? ex : new IllegalStateException(cause);
    }

    private SecretValues secrets(PluginConfig c) {
        return SecretValues.of(manifest.descriptor().configSchema(), c.json(), supervisor.json());
    }
}
