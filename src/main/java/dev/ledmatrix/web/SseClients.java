package dev.ledmatrix.web;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open connections of one SSE stream. Each client is served by its own virtual thread, the only thread that
 * ever touches its emitter: a send holds the emitter's lock for as long as the socket write blocks, so completing
 * it from elsewhere (the publishing thread, or shutdown) would wait behind a client that stopped reading.
 * Disconnecting therefore only marks the client and wakes its thread, which completes the emitter once its write
 * returns (at the latest when the server's write timeout fails it).
 */
final class SseClients {

    /** What a client's thread does, sending on {@code client}, until the client is closed or the write fails. */
    @FunctionalInterface
    interface Session {
        void serve(Client client) throws IOException, InterruptedException;
    }

    /** One connection. */
    static final class Client {
        private final SseEmitter emitter;
        private final SseClients owner;
        private Thread thread;
        private volatile boolean closed;

        private Client(SseClients owner, SseEmitter emitter) {
            this.owner = owner;
            this.emitter = emitter;
        }

        void send(SseEmitter.SseEventBuilder event) throws IOException {
            emitter.send(event);
        }

        boolean closed() {
            return closed;
        }

        Thread thread() {
            return thread;
        }

        /** Never blocks: marks the client gone and wakes its thread, which completes the emitter. */
        void disconnect() {
            if (!closed) {
                closed = true;
                owner.clients.remove(this);
                if (Thread.currentThread() != thread) {
                    thread.interrupt();
                }
            }
        }
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final String threadName;

    SseClients(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Opens a stream served by {@code session} on its own thread. The client is registered before the thread
     * starts, so nothing published meanwhile can pass it by.
     */
    SseEmitter connect(Session session) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: heartbeats keep it alive
        Client client = new Client(this, emitter);
        client.thread = Thread.ofVirtual().name(threadName).unstarted(() -> run(client, session));
        clients.add(client);
        emitter.onCompletion(client::disconnect);
        emitter.onTimeout(client::disconnect);
        emitter.onError(e -> client.disconnect());
        client.thread.start();
        return emitter;
    }

    void forEach(Consumer<Client> action) {
        clients.forEach(action);
    }

    int size() {
        return clients.size();
    }

    void disconnectAll() {
        clients.forEach(Client::disconnect);
    }

    private static void run(Client client, Session session) {
        try {
            session.serve(client);
        } catch (IOException | IllegalStateException e) {
            // the client went away
        } catch (InterruptedException e) {
            // disconnected while waiting
        } finally {
            client.disconnect();
            try {
                client.emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
    }
}
