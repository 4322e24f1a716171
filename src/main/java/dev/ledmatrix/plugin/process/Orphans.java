package dev.ledmatrix.plugin.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What plugin processes leave behind: descendants found by their token and killed, and orphans adopted while the
 * service is a child subreaper, reaped. The JDK reaps the children it started the moment they exit (a thread
 * waits on each), so a child seen as a zombie on two sweeps in a row is an adopted orphan nobody else will reap.
 * Being a subreaper is a property of the whole JVM: one supervisor per JVM owns this.
 */
final class Orphans {

    private static final Logger log = LoggerFactory.getLogger(Orphans.class);

    private final boolean wanted;
    private final Supplier<Set<Long>> pluginPids;
    private final long ownSession = Natives.sessionOf(0);
    private volatile boolean subreaper;
    private volatile boolean tried;
    private volatile ScheduledExecutorService sweeper;
    /** Zombie children seen by the last sweep. */
    private Set<Long> zombies = Set.of();

    /**
     * @param wanted     whether to become a subreaper at all
     * @param pluginPids the plugin processes running now (the JDK's children, which it reaps itself)
     */
    Orphans(boolean wanted, Supplier<Set<Long>> pluginPids) {
        this.wanted = wanted;
        this.pluginPids = pluginPids;
    }

    /** From the first plugin process on: adopt orphans, and reap them every second. */
    void adopt() {
        if (!wanted || tried) {
            return;
        }
        synchronized (this) {
            if (tried) {
                return;
            }
            tried = true;
            subreaper = Natives.subreaper(true);
            if (!subreaper) {
                log.info("Could not become a child subreaper; daemonizing plugin grandchildren go to init and are "
                        + "found by their token when their plugin stops");
                return;
            }
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("plugin-reaper").daemon().factory());
            s.scheduleWithFixedDelay(() -> {
                try {
                    sweep();
                } catch (RuntimeException e) {
                    log.debug("Reaping sweep failed: {}", e.toString());
                }
            }, 1, 1, TimeUnit.SECONDS);
            sweeper = s;
        }
    }

    /**
     * Kills every process whose environment carries the token (a descendant that left the group) and reaps those
     * that were adopted. Repeats while new ones turn up, as a daemon may fork while it is killed.
     */
    void killMarked(String variable, String token) {
        byte[] marker = (variable + "=" + token).getBytes(StandardCharsets.US_ASCII);
        List<Long> killed = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<Long> found = ProcFs.pidsWithEnvironment(marker);
            if (found.isEmpty()) {
                break;
            }
            for (long pid : found) {
                Natives.kill(pid, Natives.SIGKILL);
                killed.add(pid);
            }
            sleep(10);
        }
        reapKilled(killed);
    }

    /** Reaps adopted orphans that exited: zombie children that were zombies at the last sweep already. */
    synchronized void sweep() {
        long self = ProcessHandle.current().pid();
        Set<Long> ours = pluginPids.get();
        Set<Long> now = new HashSet<>();
        for (long pid : ProcFs.childrenOf(self)) {
            ProcFs.Stat stat = ProcFs.stat(pid);
            if (stat == null || !stat.zombie() || stat.parent() != self || ours.contains(pid)) {
                continue;
            }
            if (zombies.contains(pid)) {
                Natives.reap(pid);
            } else {
                now.add(pid);
            }
        }
        zombies = now;
    }

    /**
     * At shutdown, once every plugin process has ended: kills what was adopted and still runs (a child in a
     * session other than the service's, in case one escaped its token by replacing its environment), reaps what
     * is left, and stops being a subreaper.
     */
    void stop() {
        ScheduledExecutorService s = sweeper;
        if (s != null) {
            s.shutdownNow();
        }
        if (!subreaper) {
            return;
        }
        long self = ProcessHandle.current().pid();
        List<Long> killed = new ArrayList<>();
        for (long pid : ProcFs.childrenOf(self)) {
            ProcFs.Stat stat = ProcFs.stat(pid);
            if (stat != null && !stat.zombie() && stat.session() != ownSession && stat.parent() == self) {
                Natives.kill(pid, Natives.SIGKILL);
                killed.add(pid);
            }
        }
        reapKilled(killed);
        sweep();
        sleep(200);
        sweep(); // what turned zombie just now
        Natives.subreaper(false);
        subreaper = false;
    }

    private void reapKilled(List<Long> killed) {
        for (int round = 0; round < 50 && !killed.isEmpty(); round++) {
            killed.removeIf(pid -> !ProcFs.exists(pid) || reapIfAdopted(pid));
            if (!killed.isEmpty()) {
                sleep(10);
            }
        }
    }

    private boolean reapIfAdopted(long pid) {
        ProcFs.Stat stat = ProcFs.stat(pid);
        if (stat == null) {
            return true;
        }
        if (stat.parent() != ProcessHandle.current().pid() || pluginPids.get().contains(pid)) {
            return true; // init's child, another reaper's, or the JDK's: they reap it
        }
        return stat.zombie() && Natives.reap(pid);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
