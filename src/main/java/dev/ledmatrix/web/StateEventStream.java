package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

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

    StateEventStream(PluginStateManager states) {
        super("sse-state-client");
        feedBy(states.subscribe(this::publish));
    }

    SseEmitter connect() {
        BlockingQueue<StateEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        return clients.connect(client -> {
            queues.put(client, queue);
            try {
                drain(client, queue);
            } finally {
                queues.remove(client);
            }
        });
    }

    int clientCount() {
        return clients.size();
    }

    private static void drain(SseClients.Client client, BlockingQueue<StateEvent> queue)
            throws IOException, InterruptedException {
        client.send(SseEmitter.event().comment("connected"));
        while (!client.closed()) {
            StateEvent event = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
            if (client.closed()) {
                return;
            }
            if (event == null) {
                client.send(SseEmitter.event().comment("heartbeat"));
            } else {
                client.send(SseEmitter.event().name("state").id(Long.toString(event.seq())).data(event));
            }
        }
    }

    private void publish(String pluginId, StateTransition t) {
        StateEvent event = new StateEvent(pluginId, t.seq(), t.timestamp(), t.from(), t.to(), t.error());
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
