package dev.ledmatrix.plugin;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Which instances with live priority have live content now (SPI {@code hasLiveContent}). Asked about once a second
 * on virtual threads, each answer within {@link #ANSWER_WITHIN}: the render thread only reads the last answers, so a
 * slow or stuck plugin can never stall the panel (it counts as not live, and is not asked again until it returns).
 */
@Component
public class LiveContent implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveContent.class);
    static final Duration ANSWER_WITHIN = Duration.ofMillis(200);

    private final Instances instances;
    private final PluginStateManager states;
    private final ExecutorService askers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("plugin-live-", 0).factory());
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Map<String, Future<Boolean>> pending = new ConcurrentHashMap<>();

    LiveContent(Instances instances, PluginStateManager states) {
        this.instances = instances;
        this.states = states;
    }

    /** Whether the instance has live priority and said, when last asked, that it has live content. */
    public boolean live(String id) {
        return live.contains(id);
    }

    /** Asks every enabled instance with live priority; public so tests can step it. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    public void poll() {
        for (ManagedPlugin mp : instances.all()) {
            Plugin plugin = mp.plugin();
            if (plugin == null || !mp.spec().livePriority() || !states.canExecute(mp.id)
                    && states.getState(mp.id) != dev.ledmatrix.state.PluginState.RUNNING) {
                live.remove(mp.id);
                continue;
            }
            Future<Boolean> previous = pending.get(mp.id);
            if (previous != null && !previous.isDone()) {
                live.remove(mp.id); // still stuck in its last answer
                continue;
            }
            Future<Boolean> answer = askers.submit(plugin::hasLiveContent);
            pending.put(mp.id, answer);
            try {
                if (Boolean.TRUE.equals(answer.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS))) {
                    live.add(mp.id);
                } else {
                    live.remove(mp.id);
                }
            } catch (TimeoutException e) {
                live.remove(mp.id);
                log.warn("Plugin {} took over {} ms to say whether it has live content; treated as not live",
                        mp.id, ANSWER_WITHIN.toMillis());
            } catch (ExecutionException e) {
                live.remove(mp.id);
                log.debug("Plugin {} failed to say whether it has live content: {}", mp.id, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        live.removeIf(id -> instances.get(id) == null);
        pending.keySet().removeIf(id -> instances.get(id) == null);
    }

    @Override
    public void destroy() {
        askers.shutdownNow();
    }
}
