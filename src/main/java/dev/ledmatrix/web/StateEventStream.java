package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.state.StateTransition;

/**
 * Fans state transitions out to SSE clients. The state manager only enqueues (never blocks); each client has its
 * own bounded queue drained by its own virtual thread, so a slow client only ever delays itself, and one that
 * falls a whole queue behind is disconnected (it can reconnect and read /history for what it missed).
 */
@Component
class StateEventStream implements DisposableBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StateEventStream.class);
    static final int QUEUE_CAPACITY = 1024;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** One event: {@code event: state}. */
    record StateEvent(String pluginId, long seq, Instant timestamp, PluginState from, PluginState to, String error) {
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AutoCloseable subscription;
    private volatile boolean running;

    StateEventStream(PluginStateManager states) {
        this.subscription = states.subscribe(this::publish);
    }

    SseEmitter connect() {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: heartbeats keep it alive
        Client client = new Client(emitter);
        clients.add(client);
        emitter.onCompletion(client::close);
        emitter.onTimeout(client::close);
        emitter.onError(e -> client.close());
        Thread.ofVirtual().name("sse-state-client").start(client::drain);
        return emitter;
    }

    int clientCount() {
        return clients.size();
    }

    private void publish(String pluginId, StateTransition t) {
        StateEvent event = new StateEvent(pluginId, t.seq(), t.timestamp(), t.from(), t.to(), t.error());
        for (Client client : clients) {
            if (!client.queue.offer(event)) {
                log.info("An events client fell {} events behind; disconnecting it", QUEUE_CAPACITY);
                client.close();
            }
        }
    }

    /**
     * Ends every stream as shutdown begins, before the web server's graceful shutdown, which would otherwise wait
     * for these never-ending responses until its timeout.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        clients.forEach(Client::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() throws Exception {
        subscription.close();
        clients.forEach(Client::close);
    }

    private final class Client {
        final BlockingQueue<StateEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        final SseEmitter emitter;
        volatile boolean closed;

        Client(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void drain() {
            try {
                emitter.send(SseEmitter.event().comment("connected"));
                while (!closed) {
                    StateEvent event = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                    if (event == null) {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    } else {
                        emitter.send(SseEmitter.event().name("state").id(Long.toString(event.seq())).data(event));
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                clients.remove(this);
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // already completed
                }
            }
        }
    }
}
