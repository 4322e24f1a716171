package dev.ledmatrix.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * An endless SSE stream fed by a subscription. As shutdown begins, before the web server's graceful shutdown (a
 * higher phase stops earlier), it unsubscribes and ends every connection, so graceful shutdown never waits its
 * whole timeout for responses that would not end by themselves.
 */
abstract class SseStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SseStream.class);

    final SseClients clients;
    private AutoCloseable subscription = () -> { };
    private volatile boolean running;

    SseStream(String threadName, WebProperties web) {
        this.clients = new SseClients(threadName, web.maxStreamClients(), web.streamLifetime());
    }

    /** Whether a new viewer would be refused now: HEAD answers 503 then too, so probes see the truth. */
    final void checkRoom() {
        if (clients.isFull()) {
            throw clients.refusal();
        }
    }

    /** What to close when the stream stops: the subscription that feeds it. */
    final void feedBy(AutoCloseable source) {
        this.subscription = source;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("Unsubscribing failed: {}", e.toString());
        }
        clients.disconnectAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
