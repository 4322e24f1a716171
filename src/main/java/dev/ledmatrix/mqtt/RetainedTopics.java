package dev.ledmatrix.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which retained topics to publish: each topic whose wanted payload differs from what was last sent, at
 * most once per {@code minInterval} per topic (the latest value wins, nothing queues up), and an empty retained
 * payload for a topic no longer wanted, which deletes a Home Assistant entity and clears a stale state. Pure logic
 * on a caller-supplied clock (nanoseconds), so tests drive every case; used by one thread.
 */
final class RetainedTopics {

    /** A retained message to send; an empty payload deletes the topic's retained message. */
    record Message(String topic, String payload) {
    }

    /** What went out last and when; {@code unsent}: must go out again at the first chance. */
    private record Sent(String payload, long at, boolean unsent) {
    }

    private final long minIntervalNanos;
    private final Map<String, Sent> sent = new HashMap<>();

    RetainedTopics(long minIntervalNanos) {
        this.minIntervalNanos = minIntervalNanos;
    }

    /**
     * The messages to send now for the wanted state, recorded as sent. Topics held back by the rate limit are left
     * for a later call (see {@link #nextDue}).
     */
    List<Message> due(Map<String, String> wanted, long now) {
        List<Message> out = new ArrayList<>();
        wanted.forEach((topic, payload) -> {
            Sent last = sent.get(topic);
            if (last != null && Objects.equals(last.payload, payload)) {
                return;
            }
            if (last == null || last.unsent || now - last.at >= minIntervalNanos) {
                sent.put(topic, new Sent(payload, now, false));
                out.add(new Message(topic, payload));
            }
        });
        for (Iterator<Map.Entry<String, Sent>> it = sent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Sent> entry = it.next();
            if (!wanted.containsKey(entry.getKey())) {
                it.remove();
                out.add(new Message(entry.getKey(), ""));
            }
        }
        return out;
    }

    /**
     * When the earliest held-back topic may go out, or -1 if nothing is held back; {@code now} if it may go now.
     */
    long nextDue(Map<String, String> wanted, long now) {
        long next = -1;
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            Sent last = sent.get(entry.getKey());
            if (last != null && !Objects.equals(last.payload, entry.getValue())) {
                long at = last.unsent ? now : Math.max(now, last.at + minIntervalNanos);
                next = next < 0 ? at : Math.min(next, at);
            }
        }
        return next;
    }

    /** After a (re)connect: send everything again, since the broker may have lost it (a restart without persistence). */
    void resendAll() {
        sent.replaceAll((topic, last) -> new Sent(null, last.at, true));
    }

    /**
     * A retained topic of ours found on the broker (left by an earlier run): removed by the next {@link #due} unless
     * it is still wanted.
     */
    void foundOnBroker(String topic) {
        sent.putIfAbsent(topic, new Sent(null, 0, true));
    }

    boolean isEmpty() {
        return sent.isEmpty();
    }
}
