package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The screen planner second by second on a hand-moved clock: live priority starting, stopping, taking turns and
 * the rotation resuming where it left off; pins over live content; notifications; the power off state; turns
 * held until a cycle completes, never past the cap.
 */
class ScreenPlannerTest {

    static final Instant T0 = Instant.parse("2026-12-01T11:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final ScreenPlanner planner = new ScreenPlanner();
    final Notifications notifications = new Notifications();
    final FakeLineup lineup = new FakeLineup();
    PowerOverride override;
    Pin pin;

    /** a 3 s, b 2 s, c 2 s, all renderable. */
    static final class FakeLineup implements Lineup {
        List<String> order = List.of("a", "b", "c");
        Map<String, Duration> durations = new HashMap<>(Map.of("a", Duration.ofSeconds(3), "b",
                Duration.ofSeconds(2), "c", Duration.ofSeconds(2)));
        Map<String, Duration> caps = new HashMap<>();
        Set<String> live = new HashSet<>();
        Set<String> midCycle = new HashSet<>();
        Set<String> hidden = new HashSet<>();

        @Override
        public List<String> order() {
            return order;
        }

        @Override
        public boolean renderable(String id, Instant now) {
            return !hidden.contains(id);
        }

        @Override
        public boolean inWindow(String id, Instant now) {
            return true;
        }

        @Override
        public boolean live(String id) {
            return live.contains(id);
        }

        @Override
        public Duration duration(String id) {
            return durations.get(id);
        }

        @Override
        public Duration cap(String id) {
            return caps.getOrDefault(id, Duration.ofSeconds(180));
        }

        @Override
        public boolean cycleComplete(String id) {
            return !midCycle.contains(id);
        }
    }

    private ScreenState at(int second) {
        Instant now = T0.plusSeconds(second);
        PowerPlan.State power = PowerPlan.at(now, Schedule.ALWAYS_ON, BERLIN, override, true, 100);
        return planner.decide(now, power, pin, notifications, n -> n.duration(), lineup);
    }

    /** "id" or "reason" per second, from {@code from} to {@code to} inclusive. */
    private List<String> timeline(int from, int to) {
        List<String> shown = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            ScreenState state = at(s);
            shown.add(state.pluginId() != null ? state.pluginId()
                    : state.notification() != null ? "note:" + state.notification().text() : state.reason().json());
        }
        return shown;
    }

    @Test
    void theRotationExplainsItselfAndSaysWhenTheTurnEnds() {
        ScreenState s = at(0);
        assertThat(s.pluginId()).isEqualTo("a");
        assertThat(s.reason()).isEqualTo(ScreenReason.ROTATION);
        assertThat(s.nextChangeAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void liveContentInterruptsThenTheRotationResumesWhereItLeftOff() {
        assertThat(timeline(0, 1)).containsExactly("a", "a");
        lineup.live.add("c");
        ScreenState live = at(2);
        assertThat(live.pluginId()).isEqualTo("c");
        assertThat(live.reason()).isEqualTo(ScreenReason.LIVE);
        assertThat(timeline(3, 9)).containsOnly("c");
        lineup.live.clear();
        // a had 1 s of its 3 s left when c interrupted: it gets that second, then b
        assertThat(timeline(10, 14)).containsExactly("a", "b", "b", "c", "c");
        assertThat(at(15).reason()).isEqualTo(ScreenReason.ROTATION);
    }

    @Test
    void severalLivePluginsTakeTurns() {
        lineup.live.addAll(Set.of("b", "c"));
        assertThat(timeline(0, 7)).containsExactly("b", "b", "c", "c", "b", "b", "c", "c");
        ScreenState s = at(8);
        assertThat(s.reason()).isEqualTo(ScreenReason.LIVE);
        assertThat(s.nextChangeAt()).isEqualTo(T0.plusSeconds(10));
        lineup.live.remove("b");
        assertThat(timeline(9, 12)).containsOnly("c");
        lineup.live.clear();
        assertThat(timeline(13, 15)).containsExactly("a", "a", "a");
    }

    @Test
    void aPinBeatsLiveContent() {
        lineup.live.add("c");
        pin = new Pin("a", T0, T0.plusSeconds(5));
        ScreenState s = at(1);
        assertThat(s.pluginId()).isEqualTo("a");
        assertThat(s.reason()).isEqualTo(ScreenReason.PINNED);
        assertThat(s.nextChangeAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(timeline(2, 4)).containsOnly("a");
        assertThat(at(5).pluginId()).as("pin over: live again").isEqualTo("c");
        assertThat(at(5).reason()).isEqualTo(ScreenReason.LIVE);
    }

    @Test
    void notificationsInterruptInTurnAndThePinStillWins() {
        at(0);
        notifications.add(new NotificationRequest("one", null, Duration.ofSeconds(2), null, null), T0);
        notifications.add(new NotificationRequest("two", null, Duration.ofSeconds(1), null, null), T0);
        assertThat(timeline(1, 5)).containsExactly("note:one", "note:one", "note:two", "a", "a");
        assertThat(at(6).pluginId()).as("a's turn, resumed").isEqualTo("b");

        pin = new Pin("c", T0, null);
        notifications.add(new NotificationRequest("three", null, Duration.ofSeconds(1), null, null), T0.plusSeconds(7));
        assertThat(timeline(7, 8)).containsOnly("c");
        pin = null;
        assertThat(timeline(9, 10)).containsExactly("note:three", "a");
    }

    @Test
    void offBeatsEverythingButTheRotationResumesAfterwards() {
        at(0);
        lineup.live.add("b");
        override = new PowerOverride(false, T0.plusSeconds(5), T0);
        pin = new Pin("c", T0, null);
        ScreenState off = at(1);
        assertThat(off.black()).isTrue();
        assertThat(off.reason()).isEqualTo(ScreenReason.POWER_OFF);
        assertThat(off.nextChangeAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(timeline(2, 4)).containsOnly("power-off");
        assertThat(at(5).pluginId()).isEqualTo("c");
        pin = null;
        lineup.live.clear();
        assertThat(timeline(6, 7)).containsExactly("a", "a");
    }

    @Test
    void aManualOnOverAnOffScheduleIsTheReason() {
        Instant now = T0;
        Schedule never = new Schedule(null, List.of(new dev.ledmatrix.plugin.TimeWindow(List.of("sun"), "03:00", "04:00")),
                List.of());
        PowerPlan.State power = PowerPlan.at(now, never, BERLIN, new PowerOverride(true, now.plusSeconds(60), now),
                true, 100);
        ScreenState s = planner.decide(now, power, null, notifications, n -> n.duration(), lineup);
        assertThat(s.pluginId()).isEqualTo("a");
        assertThat(s.reason()).isEqualTo(ScreenReason.OVERRIDE);
        PowerPlan.State off = PowerPlan.at(now, never, BERLIN, null, true, 100);
        assertThat(planner.decide(now, off, null, notifications, n -> n.duration(), lineup).reason())
                .isEqualTo(ScreenReason.SCHEDULE_OFF);
    }

    @Test
    void aPluginMidCycleStaysUntilItsCycleCompletesButNeverPastItsCap() {
        lineup.midCycle.add("a");
        lineup.caps.put("a", Duration.ofSeconds(6));
        assertThat(timeline(0, 4)).containsOnly("a");
        lineup.midCycle.clear(); // scrolled through at 5 s
        assertThat(timeline(5, 7)).containsExactly("b", "b", "c");

        lineup.midCycle.add("a"); // never completes: cut at the cap, 6 s
        assertThat(timeline(8, 16)).containsExactly("c", "a", "a", "a", "a", "a", "a", "b", "b");
    }

    @Test
    void aCapBelowTheDisplayDurationCutsTheTurnShort() {
        lineup.caps.put("a", Duration.ofSeconds(1));
        assertThat(timeline(0, 2)).containsExactly("a", "b", "b");
    }
}
