package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open connections of one SSE stream, at most {@code maxClients} at once, each for at most {@code lifetime}.
 * Each client is served by its own virtual thread, the only thread that ever touches its emitter: a send holds the
 * emitter's lock for as long as the socket write blocks, so completing it from elsewhere (the publishing thread,
 * or shutdown) would wait behind a client that stopped reading. Disconnecting therefore only marks the client and
 * wakes its thread, which completes the emitter once its write returns (at the latest when the server's write
 * timeout fails it). The lifetime is kept by that same thread (it stops serving and completes the emitter), not by
 * the emitter's async timeout, whose expiry would try to write an error onto a response already streaming.
 */
final class SseClients {

    /** How long a client refused for the cap is asked to wait before trying again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /** What the browser's EventSource waits before reconnecting after the server ends a stream (SSE {@code retry}). */
    static final Duration RECONNECT = Duration.ofSeconds(1);

    /** What a client's thread does, sending on {@code client}, until the client is closed or the write fails. */
    @FunctionalInterface
    interface Session {
        void serve(Client client) throws IOException, InterruptedException;
    }

    /** One connection. */
    static final class Client {
        private final SseEmitter emitter;
        private final SseClients owner;
        private final long deadline;
        private final AtomicBoolean closed = new AtomicBoolean();
        private Thread thread;

        private Client(SseClients owner, SseEmitter emitter, long deadline) {
            this.owner = owner;
            this.emitter = emitter;
            this.deadline = deadline;
        }

        void send(SseEmitter.SseEventBuilder event) throws IOException {
            emitter.send(event);
        }

        /** Closed, or its lifetime is over: either way the session should end. */
        boolean closed() {
            return closed.get() || remainingNanos() <= 0;
        }

        /** Nanoseconds left of its lifetime (never more than {@code cap}), for waits that must not outlive it. */
        long waitNanos(long cap) {
            return Math.max(1, Math.min(cap, remainingNanos()));
        }

        private long remainingNanos() {
            return deadline - System.nanoTime();
        }

        Thread thread() {
            return thread;
        }

        /** Never blocks: marks the client gone, frees its slot and wakes its thread, which completes the emitter. */
        void disconnect() {
            if (closed.compareAndSet(false, true)) {
                owner.clients.remove(this);
                owner.open.decrementAndGet();
                if (Thread.currentThread() != thread) {
                    thread.interrupt();
                }
            }
        }
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final String threadName;
    private final int maxClients;
    private final Duration lifetime;

    SseClients(String threadName, int maxClients, Duration lifetime) {
        this.threadName = threadName;
        this.maxClients = maxClients;
        this.lifetime = lifetime;
    }

    /**
     * Opens a stream served by {@code session} on its own thread. The client is registered before the thread
     * starts, so nothing published meanwhile can pass it by.
     *
     * @throws LoadShedException when {@code maxClients} are connected already
     */
    SseEmitter connect(Session session) {
        if (open.incrementAndGet() > maxClients) {
            open.decrementAndGet();
            throw refusal();
        }
        SseEmitter emitter = new SseEmitter(0L); // the client's thread ends it when its lifetime is over
        Client client = new Client(this, emitter, System.nanoTime() + lifetime.toNanos());
        client.thread = Thread.ofVirtual().name(threadName).unstarted(() -> run(client, session));
        clients.add(client);
        emitter.onCompletion(client::disconnect);
        emitter.onTimeout(client::disconnect);
        emitter.onError(e -> client.disconnect());
        client.thread.start();
        return emitter;
    }

    /** Whether one more client would be refused right now (for HEAD, which opens nothing). */
    boolean isFull() {
        return open.get() >= maxClients;
    }

    LoadShedException refusal() {
        return new LoadShedException("This stream already has " + maxClients + " viewers, the most it serves "
                + "(ledmatrix.web.max-stream-clients); try again later", RETRY_AFTER);
    }

    void forEach(Consumer<Client> action) {
        clients.forEach(action);
    }

    int size() {
        return open.get();
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
