package dev.ledmatrix.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.mqtt.RetainedTopics.Message;

/** Which retained topics go out when, on a hand-moved clock (nanoseconds). */
class RetainedTopicsTest {

    static final long MS = 1_000_000;
    final RetainedTopics topics = new RetainedTopics(250 * MS);

    @Test
    void sendsEachTopicOnceAndThenOnlyChanges() {
        assertThat(topics.due(Map.of("a", "1"), 0)).containsExactly(new Message("a", "1"));
        assertThat(topics.due(Map.of("a", "1"), 1000 * MS)).isEmpty();
        assertThat(topics.due(Map.of("a", "2"), 2000 * MS)).containsExactly(new Message("a", "2"));
    }

    @Test
    void aTopicThatChangesFastGoesOutAtMostOncePerIntervalWithTheLatestValue() {
        topics.due(Map.of("a", "1"), 0);
        assertThat(topics.due(Map.of("a", "2"), 100 * MS)).isEmpty();
        assertThat(topics.nextDue(Map.of("a", "3"), 200 * MS)).isEqualTo(250 * MS);
        assertThat(topics.due(Map.of("a", "3"), 249 * MS)).isEmpty();
        assertThat(topics.due(Map.of("a", "3"), 250 * MS)).containsExactly(new Message("a", "3"));
        assertThat(topics.nextDue(Map.of("a", "3"), 260 * MS)).isEqualTo(-1);
    }

    @Test
    void theLimitIsPerTopic() {
        topics.due(Map.of("a", "1", "b", "1"), 0);
        Map<String, String> wanted = new LinkedHashMap<>(Map.of("a", "2", "b", "1", "c", "1"));
        assertThat(topics.due(wanted, 10 * MS)).containsExactly(new Message("c", "1"));
    }

    @Test
    void aTopicNoLongerWantedIsDeletedWithAnEmptyRetainedMessageOnce() {
        topics.due(Map.of("a", "1", "b", "1"), 0);
        assertThat(topics.due(Map.of("a", "1"), MS)).containsExactly(new Message("b", ""));
        assertThat(topics.due(Map.of("a", "1"), 2 * MS)).isEmpty();
    }

    @Test
    void afterAReconnectEverythingGoesOutAgainAtOnce() {
        topics.due(Map.of("a", "1", "b", "2"), 0);
        topics.resendAll();
        assertThat(topics.nextDue(Map.of("a", "1", "b", "2"), MS)).isEqualTo(MS);
        assertThat(topics.due(Map.of("a", "1", "b", "2"), MS)).containsExactlyInAnyOrder(new Message("a", "1"),
                new Message("b", "2"));
    }

    @Test
    void aStaleTopicFromAnEarlierRunIsDeletedUnlessStillWanted() {
        topics.foundOnBroker("old");
        topics.foundOnBroker("a");
        assertThat(topics.due(Map.of("a", "1"), 0)).containsExactlyInAnyOrder(new Message("a", "1"),
                new Message("old", ""));
    }

    /** Random changes on a random clock: never two sends of one topic closer than the interval, and never stale. */
    @Test
    void randomizedNeverFasterThanTheIntervalAndAlwaysEndsOnTheLatestValue() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Long> lastSent = new LinkedHashMap<>();
        Map<String, String> received = new LinkedHashMap<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        long now = 0;
        for (int step = 0; step < 5_000; step++) {
            now += random.nextInt(100) * MS;
            String topic = "t" + random.nextInt(5);
            if (random.nextInt(10) == 0) {
                wanted.remove(topic);
            } else {
                wanted.put(topic, Integer.toString(random.nextInt(3)));
            }
            for (Message m : topics.due(wanted, now)) {
                if (!m.payload().isEmpty()) {
                    Long last = lastSent.get(m.topic());
                    assertThat(last == null || now - last >= 250 * MS).as("seed %d: %s too soon", seed, m).isTrue();
                    lastSent.put(m.topic(), now);
                    received.put(m.topic(), m.payload());
                } else {
                    received.remove(m.topic());
                    lastSent.remove(m.topic());
                }
            }
        }
        now += 250 * MS;
        topics.due(wanted, now).forEach(m -> {
            if (m.payload().isEmpty()) {
                received.remove(m.topic());
            } else {
                received.put(m.topic(), m.payload());
            }
        });
        assertThat(received).as("seed %d", seed).isEqualTo(wanted);
        assertThat(List.copyOf(topics.due(wanted, now + MS))).isEmpty();
    }
}
