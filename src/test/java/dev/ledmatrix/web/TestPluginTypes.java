package dev.ledmatrix.web;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;

/**
 * A plugin type whose behaviour the test steers per instance id, to put instances into each state on demand:
 * {@code gate}. Imported by a test class with {@code @Import}; deliberately not a {@code @Configuration}, so the
 * service's component scan never picks it up (the crash test runs the service on the test class path).
 */
class TestPluginTypes {

    @Bean
    Gates gates() {
        return new Gates();
    }

    @Bean
    PluginType gateType(Gates gates) {
        return new GateType(gates);
    }

    /** What each {@code gate} instance does, by id, and what was done to it. */
    static final class Gates {
        /** Updates of these block until released (or interrupted): the instance stays {@code running}. */
        final Map<String, CountDownLatch> armed = new ConcurrentHashMap<>();
        /** Creating a plugin for these ids throws: the instance ends in {@code error}. */
        final Set<String> failCreate = ConcurrentHashMap.newKeySet();
        /** Updates of these throw: a recoverable failure. */
        final Set<String> failUpdate = ConcurrentHashMap.newKeySet();
        /** onEnable minus onDisable, per id: 1 while enabled or running, 0 otherwise, if hooks are balanced. */
        final Map<String, AtomicInteger> enabledHooks = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> interrupted = new ConcurrentHashMap<>();
        /** Updates that have begun waiting on their gate, per id. */
        final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

        void arm(String id) {
            armed.put(id, new CountDownLatch(1));
        }

        void release(String id) {
            CountDownLatch latch = armed.remove(id);
            if (latch != null) {
                latch.countDown();
            }
        }

        int enabledHooks(String id) {
            return enabledHooks.computeIfAbsent(id, k -> new AtomicInteger()).get();
        }

        int waiting(String id) {
            return waiting.computeIfAbsent(id, k -> new AtomicInteger()).get();
        }

        int interrupted(String id) {
            return interrupted.computeIfAbsent(id, k -> new AtomicInteger()).get();
        }
    }

    static final class GateType implements PluginType {
        static final String ID = "gate";
        private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, "Gate", "1.0",
                "test type steered by the test", Duration.ofDays(7), null,
                "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\",\"maxLength\":20}},"
                        + "\"additionalProperties\":false}");

        private final Gates gates;

        GateType(Gates gates) {
            this.gates = gates;
        }

        @Override
        public PluginDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public Plugin create(PluginContext context) {
            String id = context.instanceId();
            if (gates.failCreate.contains(id)) {
                throw new IllegalStateException("gate " + id + " refuses to start");
            }
            return new Plugin() {
                @Override
                public void update(UpdateContext ctx) throws Exception {
                    CountDownLatch latch = gates.armed.get(id);
                    if (latch != null) {
                        gates.waiting.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        try {
                            latch.await();
                        } catch (InterruptedException e) {
                            gates.interrupted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            throw e;
                        }
                    }
                    if (gates.failUpdate.contains(id)) {
                        throw new IllegalStateException("gate " + id + " update failed");
                    }
                }

                @Override
                public void render(Canvas canvas, RenderContext ctx) {
                    canvas.setPixel(0, 0, Color.RED);
                }

                @Override
                public void onEnable() {
                    gates.enabledHooks.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }

                @Override
                public void onDisable() {
                    gates.enabledHooks.computeIfAbsent(id, k -> new AtomicInteger()).decrementAndGet();
                }
            };
        }
    }
}
