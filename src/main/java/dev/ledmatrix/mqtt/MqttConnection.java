package dev.ledmatrix.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one connection to the broker (HiveMQ client, MQTT 3.1.1, which every broker speaks). Everything here is
 * asynchronous: a publish returns at once and a broker that is down, slow or refusing never blocks a caller. The
 * client reconnects by itself with exponential backoff (doubling from {@code reconnect-delay} up to
 * {@code reconnect-max-delay}, jittered), forever, whether the broker went away or refused the credentials.
 *
 * <p>The last will is {@code offline} on {@code B/status} (retained); after each connect {@code online} is
 * published there, and before a clean stop {@code offline}, since a normal disconnect makes the broker drop the
 * will.
 */
final class MqttConnection {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    /** A message that arrived; {@code retained}: it came from the broker's store, not live. */
    record Received(String topic, byte[] payload, boolean retained) {
    }

    /** What the health component shows. */
    record Status(boolean connected, Instant since, String lastError, int failedAttempts, long reconnects) {
    }

    private final MqttProperties properties;
    private final Topics topics;
    private final String clientId;
    private final Clock clock;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter reconnects;
    private final MqttQos qos;
    private final AtomicBoolean everConnected = new AtomicBoolean();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    /** Counts connections; a new value tells the publisher that the broker must get everything again. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile Instant since;
    private volatile String lastError;
    private volatile Mqtt3AsyncClient client;

    MqttConnection(MqttProperties properties, Topics topics, String clientId, MeterRegistry registry, Clock clock) {
        this.properties = properties;
        this.topics = topics;
        this.clientId = clientId;
        this.clock = clock;
        this.qos = MqttQos.fromCode(properties.qos());
        this.since = clock.instant();
        this.lastError = "not connected yet";
        Gauge.builder("ledmatrix.mqtt.connected", this, c -> c.connected ? 1 : 0)
                .description("1 while connected to the MQTT broker").register(registry);
        this.messagesIn = Counter.builder("ledmatrix.mqtt.messages").tag("direction", "in")
                .description("MQTT messages received and sent").register(registry);
        this.messagesOut = Counter.builder("ledmatrix.mqtt.messages").tag("direction", "out")
                .description("MQTT messages received and sent").register(registry);
        this.reconnects = Counter.builder("ledmatrix.mqtt.reconnects")
                .description("Connections to the broker re-established after one was lost or refused").register(registry);
    }

    /**
     * Connects in the background and keeps reconnecting.
     *
     * @param inbound     every message on a subscribed topic, on the network thread: must be quick
     * @param onConnected after each (re)connect, once {@code online} and the subscriptions are sent
     */
    void start(Consumer<Received> inbound, Runnable onConnected) {
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
                .identifier(clientId)
                .serverHost(properties.uri().getHost())
                .serverPort(properties.port())
                // One network thread is plenty for a handful of messages a second, and saves memory on a Pi.
                .executorConfig().nettyThreads(1).applyExecutorConfig()
                .automaticReconnect()
                    .initialDelay(properties.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS)
                    .maxDelay(properties.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
                    .applyAutomaticReconnect()
                .addConnectedListener(context -> connected(onConnected))
                .addDisconnectedListener(this::disconnected)
                .willPublish()
                    .topic(topics.availability()).payload(bytes("offline")).qos(qos).retain(true)
                    .applyWillPublish();
        if (properties.ssl()) {
            TrustManagerFactory trust = TlsTrust.trustManagerFactory(properties.tls());
            var ssl = builder.sslConfig();
            if (trust != null) {
                ssl.trustManagerFactory(trust);
            }
            if (!properties.tls().verifyHostname()) {
                ssl.hostnameVerifier((host, session) -> true);
            }
            builder = ssl.applySslConfig();
        }
        if (properties.username() != null) {
            var auth = builder.simpleAuth().username(properties.username());
            if (properties.password() != null) {
                auth.password(bytes(properties.password()));
            }
            builder = auth.applySimpleAuth();
        }
        Mqtt3AsyncClient built = builder.buildAsync();
        client = built;
        built.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, publish -> {
            try {
                messagesIn.increment();
                inbound.accept(new Received(publish.getTopic().toString(), publish.getPayloadAsBytes(), publish.isRetain()));
            } catch (RuntimeException e) {
                log.warn("MQTT message on {} could not be handled: {}", publish.getTopic(), e.toString());
            }
        });
        log.info("MQTT: connecting to {} as client {} (base topic {})", properties.uri(), clientId, topics.base());
        built.connectWith().cleanSession(true).keepAlive((int) properties.keepAlive().toSeconds()).send()
                .whenComplete((ack, error) -> {
                    // Failures are reported by the disconnected listener, which also schedules the reconnect.
                });
    }

    /** Publishes asynchronously; dropped (and counted nowhere) when not connected, since state is re-sent on connect. */
    CompletableFuture<?> publish(String topic, String payload, boolean retain) {
        Mqtt3AsyncClient c = client;
        if (c == null || !connected) {
            return CompletableFuture.completedFuture(null);
        }
        messagesOut.increment();
        return c.publishWith().topic(topic).payload(bytes(payload)).qos(qos).retain(retain).send()
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.debug("MQTT publish to {} failed: {}", topic, error.toString());
                    }
                });
    }

    void subscribe(String filter) {
        Mqtt3AsyncClient c = client;
        if (c != null) {
            c.subscribeWith().topicFilter(filter).qos(qos).send().whenComplete((ack, error) -> {
                if (error != null) {
                    log.warn("MQTT: subscribing to {} failed: {}", filter, error.toString());
                }
            });
        }
    }

    void unsubscribe(String filter) {
        Mqtt3AsyncClient c = client;
        if (c != null && connected) {
            c.unsubscribeWith().topicFilter(filter).send().exceptionally(error -> null);
        }
    }

    boolean connected() {
        return connected;
    }

    /** Which connection this is (0 before the first): changes with every (re)connect. */
    long epoch() {
        return epoch.get();
    }

    Status status() {
        return new Status(connected, since, connected ? null : lastError, failedAttempts.get(), (long) reconnects.count());
    }

    /** Says {@code offline} and disconnects, waiting at most a few seconds; stops reconnecting in any case. */
    void stop() {
        stopping = true;
        Mqtt3AsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (connected) {
                c.publishWith().topic(topics.availability()).payload(bytes("offline")).qos(qos).retain(true).send()
                        .get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            log.debug("MQTT: could not say offline before stopping: {}", e.toString());
        }
        try {
            c.disconnect().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("MQTT: disconnect: {}", e.toString());
        }
        connected = false;
    }

    private void connected(Runnable onConnected) {
        boolean reconnect = everConnected.getAndSet(true);
        int failures = failedAttempts.getAndSet(0);
        epoch.incrementAndGet();
        connected = true;
        since = clock.instant();
        if (reconnect) {
            reconnects.increment();
        }
        log.info("MQTT: connected to {}{}", properties.uri(),
                failures > 0 ? " after " + failures + " failed attempt(s)" : "");
        publish(topics.availability(), "online", true);
        try {
            onConnected.run();
        } catch (RuntimeException e) {
            log.warn("MQTT: after connecting: {}", e.toString());
        }
    }

    private void disconnected(MqttClientDisconnectedContext context) {
        boolean wasConnected = connected;
        connected = false;
        if (stopping || context.getSource() == MqttDisconnectSource.USER) {
            context.getReconnector().reconnect(false);
            return;
        }
        String why = describe(context.getCause());
        int failures = failedAttempts.incrementAndGet();
        if (wasConnected || !why.equals(lastError)) {
            since = clock.instant();
            log.warn("MQTT: {} {}; retrying with backoff (up to every {} s)", wasConnected ? "lost the connection to"
                    : "cannot connect to", properties.uri() + " (" + why + ")", properties.reconnectMaxDelay().toSeconds());
        } else {
            log.debug("MQTT: attempt {} to reach {} failed: {}", failures, properties.uri(), why);
        }
        lastError = why;
    }

    /** Why the connection failed, in words; never contains credentials. */
    static String describe(Throwable cause) {
        if (cause instanceof Mqtt3ConnAckException refused) {
            return "the broker refused the connection: " + refused.getMqttMessage().getReturnCode();
        }
        if (cause instanceof ConnectionFailedException || cause instanceof ConnectionClosedException) {
            Throwable root = cause.getCause() != null ? cause.getCause() : cause;
            String message = root.getMessage();
            return (cause instanceof ConnectionClosedException ? "connection closed" : "connection failed")
                    + (message == null || message.isBlank() ? "" : ": " + message);
        }
        return cause == null ? "disconnected" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
