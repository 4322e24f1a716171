package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.ledmatrix.plugin.PluginSecrets;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.state.StateTransition;

/**
 * Fans state transitions out to SSE clients. The state manager only enqueues (never blocks); each client has its
 * own bounded queue drained by its own virtual thread, so a slow client only ever delays itself, and one that
 * falls a whole queue behind is disconnected (it can reconnect and read /history for what it missed).
 *
 * <p>Only a client's own thread touches its emitter: the emitter's send holds a lock for as long as the socket
 * write blocks, so completing it from the publishing thread (which holds the plugin's state lock) would stall
 * every transition of that plugin behind a client that stopped reading. Disconnecting therefore only marks the
 * client and wakes its thread; the thread completes the emitter once its write returns (at the latest when the
 * server's write timeout fails it).
 */
@Component
class StateEventStream extends SseStream {

    private static final Logger log = LoggerFactory.getLogger(StateEventStream.class);
    static final int QUEUE_CAPACITY = 1024;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** One event: {@code event: state}. */
    record StateEvent(String pluginId, long seq, Instant timestamp, PluginState from, PluginState to, String error) {
    }

    private final Map<SseClients.Client, BlockingQueue<StateEvent>> queues = new ConcurrentHashMap<>();
    /** Makes each event reach every client's queue before the next one does: all clients see one order. */
    private final ReentrantLock fanOut = new ReentrantLock();
    private final PluginStateManager states;
    private final PluginSecrets secrets;

    StateEventStream(PluginStateManager states, PluginSecrets secrets, WebProperties web) {
        super("sse-state-client", web);
        this.states = states;
        this.secrets = secrets;
        feedBy(states.subscribe(this::publish));
    }

    /**
     * Opens a stream; with {@code lastEventId} (the SSE {@code Last-Event-ID} of a reconnecting client, a seq) it
     * first replays the transitions after it that the history still holds, then goes on live without a gap or a
     * repeat: the client's queue is registered before the history is read, and live events it already had from the
     * replay are skipped.
     */
    SseEmitter connect(Long lastEventId) {
        BlockingQueue<StateEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        return clients.connect(client -> {
            queues.put(client, queue);
            try {
                drain(client, queue, lastEventId == null ? List.of() : replayAfter(lastEventId));
            } finally {
                queues.remove(client);
            }
        });
    }

    int clientCount() {
        return clients.size();
    }

    /** The transitions after {@code seq} still in the history of any plugin, oldest first, masked. */
    private List<StateEvent> replayAfter(long seq) {
        List<StateEvent> missed = new ArrayList<>();
        for (String id : states.pluginIds()) {
            for (StateTransition t : states.getStateHistory(id)) {
                if (t.seq() > seq) {
                    missed.add(event(id, t));
                }
            }
        }
        missed.sort(Comparator.comparingLong(StateEvent::seq));
        return missed;
    }

    private static void drain(SseClients.Client client, BlockingQueue<StateEvent> queue, List<StateEvent> replay)
            throws IOException, InterruptedException {
        client.send(SseEmitter.event().reconnectTime(SseClients.RECONNECT.toMillis()).comment("connected"));
        // Live events of different plugins may arrive out of seq order, so only those already replayed are skipped.
        Set<Long> replayed = new HashSet<>();
        for (StateEvent event : replay) {
            send(client, event);
            replayed.add(event.seq());
        }
        while (!client.closed()) {
            StateEvent event = queue.poll(client.waitNanos(HEARTBEAT.toNanos()), TimeUnit.NANOSECONDS);
            if (client.closed()) {
                return;
            }
            if (event == null) {
                client.send(SseEmitter.event().comment("heartbeat"));
            } else if (replayed.isEmpty() || !replayed.remove(event.seq())) {
                send(client, event);
            }
        }
    }

    private static void send(SseClients.Client client, StateEvent event) throws IOException {
        client.send(SseEmitter.event().name("state").id(Long.toString(event.seq())).data(event));
    }

    private StateEvent event(String pluginId, StateTransition t) {
        return new StateEvent(pluginId, t.seq(), t.timestamp(), t.from(), t.to(), secrets.maskText(pluginId, t.error()));
    }

    private void publish(String pluginId, StateTransition t) {
        StateEvent event = event(pluginId, t);
        fanOut.lock();
        try {
            queues.forEach((client, queue) -> {
                if (!queue.offer(event)) {
                    log.info("An events client fell {} events behind; disconnecting it", QUEUE_CAPACITY);
                    client.disconnect();
                }
            });
        } finally {
            fanOut.unlock();
        }
    }
}
