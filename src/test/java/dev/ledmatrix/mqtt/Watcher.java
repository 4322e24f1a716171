package dev.ledmatrix.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code mosquitto_sub -v -t '#'} shows, for assertions: every message on the broker, and the last payload of
 * each topic. Also publishes, as {@code mosquitto_pub} would (never retained unless asked).
 */
final class Watcher implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration WAIT = Duration.ofSeconds(30);

    record Message(String topic, String payload, boolean retained, long at) {
        JsonNode json() {
            return JSON.readTree(payload);
        }
    }

    private final Mqtt3AsyncClient client;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Map<String, Message> latest = new ConcurrentHashMap<>();

    Watcher(int port) {
        client = MqttClient.builder().useMqttVersion3().identifier("test-watcher-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        try {
            client.connect().get(10, TimeUnit.SECONDS);
            client.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
                Message m = new Message(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8),
                        p.isRetain(), System.nanoTime());
                messages.add(m);
                latest.put(m.topic(), m);
            }).send().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test watcher could not connect to the broker on " + port, e);
        }
    }

    void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    void publish(String topic, byte[] payload, boolean retain) {
        try {
            client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).retain(retain).send()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    /** Waits until the topic's last payload passes the test; returns it. */
    Message await(String topic, Predicate<String> test) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = latest.get(topic);
            if (m != null && test.test(m.payload())) {
                return m;
            }
            sleep(20);
        }
        Message m = latest.get(topic);
        throw new AssertionError("after " + WAIT + " the last message on " + topic + " was "
                + (m == null ? "none" : "'" + m.payload() + "'"));
    }

    /** Waits for the first message after {@code since} (System.nanoTime) on the topic that passes the test. */
    Message awaitAfter(long since, String topic, Predicate<Message> test) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Message m : messages) {
                if (m.at() >= since && m.topic().equals(topic) && test.test(m)) {
                    return m;
                }
            }
            sleep(20);
        }
        throw new AssertionError("no matching message on " + topic + " within " + WAIT + "; got "
                + since(since).stream().filter(m -> m.topic().equals(topic)).map(Message::payload).toList());
    }

    List<Message> since(long since) {
        List<Message> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.at() >= since) {
                out.add(m);
            }
        }
        return out;
    }

    Map<String, Message> latest() {
        return latest;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the broker may be gone already
        }
    }
}
