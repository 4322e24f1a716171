package dev.ledmatrix.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Keeps the broker's retained topics (discovery configs, display and plugin state) equal to what the service is
 * doing, on its own thread: it is woken by every state transition (the events of {@code /api/v1/events}; the
 * listener only unparks it, so the state manager, the scheduler and the render loop never wait on MQTT), and looks
 * every {@link #TICK} for what has no event (rotation, brightness and pins set over REST, frame rate). Each pass
 * builds the wanted topics and sends what differs, at most once per {@code min-publish-interval} per topic.
 */
final class StatePublisher {

    private static final Logger log = LoggerFactory.getLogger(StatePublisher.class);
    static final Duration TICK = Duration.ofMillis(500);
    /** Passes are at least this far apart, however many events arrive. */
    static final Duration MIN_PASS_GAP = Duration.ofMillis(50);
    /** The measured frame rate moves a little all the time: it is published rounded, and at most this often. */
    static final Duration FPS_SAMPLE = Duration.ofSeconds(10);
    /**
     * A plugin that updates every second (the clock) would otherwise change its topic every second: when only its
     * last update time moved, the time shown is refreshed at most this often.
     */
    static final Duration LAST_UPDATE_REFRESH = Duration.ofSeconds(30);

    /** A plugin's payload without its last update time, and the time shown with it. */
    private record Shown(String rest, Instant lastUpdate) {
    }

    private final Topics topics;
    private final DisplayService display;
    private final PluginRuntime runtime;
    private final PluginStateManager states;
    private final StatePayloads payloads;
    private final Discovery discovery;
    private final MqttConnection connection;
    private final UnaryOperator<PluginView> masking;
    private final RetainedTopics retained;
    private final AtomicBoolean resend = new AtomicBoolean();
    private final Queue<String> foundOnBroker = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private volatile Thread thread;
    private AutoCloseable subscription;
    private final Map<String, Shown> shown = new HashMap<>();
    private long epoch;
    private long fps = -1;
    private long fpsSampledAt;

    StatePublisher(Topics topics, DisplayService display, PluginRuntime runtime, PluginStateManager states,
            StatePayloads payloads, Discovery discovery, MqttConnection connection, UnaryOperator<PluginView> masking, Duration minInterval) {
        this.topics = topics;
        this.display = display;
        this.runtime = runtime;
        this.states = states;
        this.payloads = payloads;
        this.discovery = discovery;
        this.connection = connection;
        this.masking = masking;
        this.retained = new RetainedTopics(minInterval.toNanos());
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("mqtt-publisher").daemon(true).start(this::loop);
        subscription = states.subscribe((pluginId, transition) -> wake());
    }

    void stop() {
        running = false;
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            log.debug("MQTT: unsubscribing from state events: {}", e.toString());
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something changed: look soon. Never blocks. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** After Home Assistant's restart: publish every topic again (a reconnect does this by itself). */
    void resendAll() {
        resend.set(true);
        wake();
    }

    /** A retained config or state of this device found on the broker: deleted unless still wanted. */
    void foundOnBroker(String topic) {
        foundOnBroker.add(topic);
        wake();
    }

    private void loop() {
        while (running) {
            long next = -1;
            try {
                next = pass();
            } catch (RuntimeException e) {
                log.warn("MQTT: publishing the state failed: {}", e.toString(), e);
            }
            try {
                Thread.sleep(MIN_PASS_GAP); // a burst of events becomes one pass
            } catch (InterruptedException e) {
                return;
            }
            long wait = TICK.minus(MIN_PASS_GAP).toNanos();
            if (next >= 0) {
                wait = Math.min(wait, next - System.nanoTime());
            }
            if (running && wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** One look: returns when a held-back topic may go out (System.nanoTime), or -1. */
    long pass() {
        if (!connection.connected()) {
            return -1;
        }
        long current = connection.epoch();
        if (resend.getAndSet(false) || current != epoch) {
            epoch = current;
            retained.resendAll();
        }
        for (String topic = foundOnBroker.poll(); topic != null; topic = foundOnBroker.poll()) {
            retained.foundOnBroker(topic);
        }
        long now = System.nanoTime();
        Map<String, String> wanted = wanted(now);
        for (RetainedTopics.Message message : retained.due(wanted, now)) {
            connection.publish(message.topic(), message.payload(), true);
        }
        return retained.nextDue(wanted, now);
    }

    private Map<String, String> wanted(long now) {
        DisplayInfo info = display.info();
        List<PluginView> plugins = runtime.list().stream().map(masking).toList();
        Map<String, String> wanted = new LinkedHashMap<>(discovery.configs(info, plugins));
        if (fps < 0 || now - fpsSampledAt >= FPS_SAMPLE.toNanos()) {
            fps = Math.round(info.fps());
            fpsSampledAt = now;
        }
        wanted.put(topics.display(), payloads.display(info, fps));
        Set<String> ids = new HashSet<>();
        for (PluginView plugin : plugins) {
            try {
                String text = StatePayloads.TEXT_TYPE.equals(plugin.spec().type())
                        ? runtime.config(plugin.id()).path("text").asString("") : null;
                wanted.put(topics.plugin(plugin.id()), payloads.plugin(plugin, text, lastUpdate(plugin, text)));
                ids.add(plugin.id());
            } catch (PluginException.NotFound e) {
                // deleted since the list was taken: its topics go with the next pass
            }
        }
        shown.keySet().retainAll(ids);
        return wanted;
    }

    private Instant lastUpdate(PluginView plugin, String text) {
        Instant actual = plugin.state().lastUpdate();
        String rest = payloads.plugin(plugin, text, null);
        Shown before = shown.get(plugin.id());
        Instant show = actual;
        if (before != null && before.rest.equals(rest) && before.lastUpdate != null && actual != null
                && Duration.between(before.lastUpdate, actual).compareTo(LAST_UPDATE_REFRESH) < 0) {
            show = before.lastUpdate;
        }
        shown.put(plugin.id(), new Shown(rest, show));
        return show;
    }
}
