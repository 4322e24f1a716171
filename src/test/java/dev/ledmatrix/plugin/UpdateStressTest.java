package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.StateTransition;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Thousands of lifecycle actions from several threads racing updates that succeed, fail, time out and hang (on
 * the real clock, with the tick on its own thread as in the service), then a checker once things settle: every
 * enabled plugin updates again within a few intervals, nothing is left running, each plugin's newest history entry
 * matches its state, no deleted plugin exists (not in the runtime, the state manager, nor on disk after a restart),
 * no update ever ran on a plugin after its onDisable or close, and never two updates of one id at once.
 */
class UpdateStressTest {

    static final Duration INTERVAL = Duration.ofMillis(40);
    static final int IDS = 6;
    static final int ACTORS = 4;
    static final int ACTIONS_PER_ACTOR = 700;

    @TempDir
    Path dataDir;

    @Test
    void lifecycleActionsRacingChaoticUpdatesLeaveEveryPluginConsistent() throws Exception {
        long seed = System.nanoTime();
        System.out.println("UpdateStressTest seed " + seed);
        Map<String, HookedType> types = new HashMap<>();
        List<String> ids = new ArrayList<>();
        AtomicBoolean chaos = new AtomicBoolean(true);
        for (int i = 0; i < IDS; i++) {
            String id = "p" + i;
            HookedType type = new HookedType("t" + i, INTERVAL);
            type.hooksMayOverlapHungUpdates = true; // some updates below ignore interruption on purpose
            type.behaviour = ctx -> chaotic(chaos.get());
            types.put(id, type);
            ids.add(id);
        }
        RuntimeFixture fixture = new RuntimeFixture(dataDir, Clock.systemUTC(), Duration.ofMillis(60),
                Duration.ofMillis(200), types.values().stream().map(HookedType::type).toList(),
                dataDir.resolve("no-plugins"), null, Duration.ofMillis(100), null, 16);
        for (String id : ids) {
            fixture.actions.create(new InstanceSpec(id, types.get(id).id, true, null, null, null, null));
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleWithFixedDelay(fixture::tick, 0, 20, TimeUnit.MILLISECONDS);

        AtomicInteger done = new AtomicInteger();
        List<Thread> actors = new ArrayList<>();
        for (int a = 0; a < ACTORS; a++) {
            Random random = new Random(seed + a);
            actors.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < ACTIONS_PER_ACTOR; n++) {
                    act(fixture, types, ids.get(random.nextInt(ids.size())), random);
                    done.incrementAndGet();
                    if (random.nextInt(8) == 0) {
                        sleep(random.nextInt(3));
                    }
                }
            }));
        }
        for (Thread t : actors) {
            t.join(Duration.ofSeconds(120));
        }
        assertThat(done).hasValue(ACTORS * ACTIONS_PER_ACTOR);

        // Settle: updates behave again; every id exists and is enabled except p0, deleted, and p1, disabled.
        chaos.set(false);
        for (String id : ids) {
            try {
                fixture.actions.create(new InstanceSpec(id, types.get(id).id, true, null, null, null, null));
            } catch (PluginException.AlreadyExists e) {
                fixture.actions.enable(id);
            }
        }
        fixture.actions.delete("p0");
        fixture.actions.disable("p1");

        List<String> enabled = ids.subList(2, ids.size());
        Map<String, Integer> before = new HashMap<>();
        enabled.forEach(id -> before.put(id, types.get(id).calls.get()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String id : enabled) {
                assertThat(types.get(id).calls.get()).as(id + " updates again").isGreaterThanOrEqualTo(before.get(id) + 3);
            }
        });
        enabled.forEach(id -> fixture.actions.disable(id));
        ticker.shutdownNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.scheduler.liveThreads() == 0);

        for (String id : ids.subList(1, ids.size())) {
            assertThat(fixture.states.getState(id)).as(id).isEqualTo(PluginState.DISABLED);
            StateTransition newest = fixture.states.getStateHistory(id).getLast();
            assertThat(newest.to()).as(id + " newest history entry").isEqualTo(fixture.states.getState(id));
            assertThat(fixture.states.stateInfo(id).hungUpdateSince()).isNull();
        }
        assertThat(fixture.runtime.hungUpdates()).isZero();
        assertThat(fixture.runtime.find("p0")).isEmpty();
        assertThat(fixture.states.pluginIds()).doesNotContain("p0");
        assertThat(Files.exists(dataDir.resolve("plugins/p0.json"))).isFalse();
        for (HookedType type : types.values()) {
            assertThat(type.violations).as(type.id).isEmpty();
            assertThat(type.maxRunning).as(type.id + ": never two updates of one id at once").hasValueLessThanOrEqualTo(1);
        }
        fixture.close();

        RuntimeFixture restarted = new RuntimeFixture(dataDir, Clock.systemUTC(), Duration.ofSeconds(5),
                Duration.ofMinutes(5), types.values().stream().map(HookedType::type).toList());
        restarted.runtime.start();
        assertThat(restarted.runtime.ids()).containsExactlyElementsOf(ids.subList(1, ids.size()));
        restarted.close();
    }

    private static void chaotic(boolean chaos) throws Exception {
        int dice = chaos ? java.util.concurrent.ThreadLocalRandom.current().nextInt(20) : 0;
        if (dice < 12) {
            return; // success
        }
        if (dice < 15) {
            throw new IllegalStateException("upstream said no");
        }
        if (dice < 18) {
            Thread.sleep(200); // past the 60 ms timeout, but answers the interruption
            return;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150 + dice * 10);
        while (System.nanoTime() < end) { // ignores interruption for a while: reported hung, then ends
            try {
                Thread.sleep(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            } catch (InterruptedException e) {
                // deliberately deaf
            }
        }
    }

    private static void act(RuntimeFixture fixture, Map<String, HookedType> types, String id, Random random) {
        try {
            switch (random.nextInt(9)) {
                case 0, 1 -> fixture.actions.enable(id);
                case 2 -> fixture.actions.disable(id);
                case 3 -> fixture.actions.reload(id);
                case 4 -> fixture.actions.reset(id);
                case 5 -> fixture.actions.update(id);
                case 6 -> fixture.actions.updateConfig(id, JsonNodeFactory.instance.objectNode().put("n",
                        random.nextInt(5)));
                case 7 -> fixture.actions.delete(id);
                default -> fixture.actions.create(new InstanceSpec(id, types.get(id).id, random.nextBoolean(), null,
                        null, null, null));
            }
        } catch (PluginException e) {
            // not found, already exists, or not allowed in its state: all fine answers under this race
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
