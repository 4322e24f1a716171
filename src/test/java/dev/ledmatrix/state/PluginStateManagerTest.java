package dev.ledmatrix.state;

import dev.ledmatrix.testing.ManualClock;

import static dev.ledmatrix.state.PluginState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** Pins every behaviour of the seed's plugin_state.py, function by function, then the stronger parts. */
class PluginStateManagerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final PluginStateManager manager = new PluginStateManager(clock, new HistoryProperties(500));

    @Test
    void unknownPluginReadsAsUnloadedWithNothingRecorded() {
        assertThat(manager.getState("nope")).isEqualTo(UNLOADED);
        assertThat(manager.getStateHistory("nope")).isEmpty();
        assertThat(manager.getErrorInfo("nope")).isEmpty();
        assertThat(manager.getLastUpdate("nope")).isEmpty();
        assertThat(manager.getLastDisplay("nope")).isEmpty();
        assertThat(manager.canExecute("nope")).isFalse();
    }

    @Test
    void setStateRecordsTransitionFromPreviousState() {
        manager.setState("clock", LOADED);
        clock.advance(Duration.ofSeconds(1));
        manager.setState("clock", ENABLED);

        List<StateTransition> history = manager.getStateHistory("clock");
        assertThat(history).extracting(StateTransition::from, StateTransition::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UNLOADED, LOADED),
                        org.assertj.core.groups.Tuple.tuple(LOADED, ENABLED));
        assertThat(history.get(1).timestamp()).isEqualTo(Instant.parse("2026-11-25T10:00:01Z"));
        assertThat(history).allSatisfy(t -> assertThat(t.error()).isNull());
        assertThat(manager.getState("clock")).isEqualTo(ENABLED);
    }

    @Test
    void errorStateWithExceptionStoresErrorInfoAndTransitionMessage() {
        manager.setState("weather", ENABLED);
        manager.setState("weather", ERROR, new IllegalStateException("api key missing"));

        ErrorInfo info = manager.getErrorInfo("weather").orElseThrow();
        assertThat(info.error()).isEqualTo("api key missing");
        assertThat(info.errorType()).isEqualTo("IllegalStateException");
        assertThat(info.timestamp()).isEqualTo(clock.instant());
        assertThat(manager.getStateHistory("weather").getLast().error()).isEqualTo("api key missing");
        assertThat(manager.isError("weather")).isTrue();
    }

    @Test
    void errorStateWithoutExceptionKeepsExistingErrorInfo() {
        manager.setState("weather", ERROR, new RuntimeException("first"));
        manager.setState("weather", ERROR);

        assertThat(manager.getErrorInfo("weather")).map(ErrorInfo::error).contains("first");
    }

    @Test
    void leavingErrorClearsErrorInfo() {
        manager.setState("weather", ERROR, new RuntimeException("boom"));
        manager.setState("weather", ENABLED);

        assertThat(manager.getErrorInfo("weather")).isEmpty();
    }

    @Test
    void nonErrorTransitionWithExceptionRecordsMessageButNoErrorInfo() {
        manager.setState("weather", DISABLED, new RuntimeException("user turned it off"));

        assertThat(manager.getErrorInfo("weather")).isEmpty();
        assertThat(manager.getStateHistory("weather").getLast().error()).isEqualTo("user turned it off");
    }

    @Test
    void setStateWithErrorKeepsErrorInfoOnNonErrorState() {
        manager.setState("weather", RUNNING);
        ErrorInfo recoverable = new ErrorInfo("timed out", "Timeout", clock.instant(), true, 1,
                clock.instant().plusSeconds(60));

        manager.setStateWithError("weather", ENABLED, recoverable, new RuntimeException("timed out"));

        assertThat(manager.getState("weather")).isEqualTo(ENABLED);
        assertThat(manager.getErrorInfo("weather")).contains(recoverable);
        StateTransition last = manager.getStateHistory("weather").getLast();
        assertThat(last.from()).isEqualTo(RUNNING);
        assertThat(last.to()).isEqualTo(ENABLED);
        assertThat(last.error()).isEqualTo("timed out");
    }

    @Test
    void setErrorInfoStoresWithoutChangingState() {
        manager.setState("weather", ENABLED);
        ErrorInfo info = ErrorInfo.permanent("bad", "X", clock.instant());

        manager.setErrorInfo("weather", info);

        assertThat(manager.getState("weather")).isEqualTo(ENABLED);
        assertThat(manager.getErrorInfo("weather")).contains(info);
        assertThat(manager.getStateHistory("weather")).hasSize(1);
    }

    @Test
    void storedErrorInfoCannotBeChangedThroughWhatCallersHold() {
        manager.setState("weather", ERROR, new RuntimeException("boom"));
        ErrorInfo copy = manager.getErrorInfo("weather").orElseThrow();

        // ErrorInfo is an immutable record: what a reader holds is a value, never a view of the store.
        assertThat(ErrorInfo.class.isRecord()).isTrue();
        assertThat(ErrorInfo.class.getRecordComponents())
                .allSatisfy(c -> assertThat(c.getType()).isIn(String.class, java.time.Instant.class,
                        Boolean.class, Integer.class));
        manager.setState("weather", ERROR, new RuntimeException("later"));
        assertThat(copy.error()).isEqualTo("boom");
        assertThat(manager.getErrorInfo("weather")).map(ErrorInfo::error).contains("later");
    }

    @Test
    void predicatesFollowTheState() {
        manager.setState("p", LOADED);
        assertThat(List.of(manager.isLoaded("p"), manager.isEnabled("p"), manager.isRunning("p"),
                manager.isError("p"), manager.canExecute("p"))).containsExactly(true, false, false, false, false);
        manager.setState("p", ENABLED);
        assertThat(List.of(manager.isLoaded("p"), manager.isEnabled("p"), manager.isRunning("p"),
                manager.isError("p"), manager.canExecute("p"))).containsExactly(true, true, false, false, true);
        manager.setState("p", RUNNING);
        assertThat(List.of(manager.isLoaded("p"), manager.isEnabled("p"), manager.isRunning("p"),
                manager.isError("p"), manager.canExecute("p"))).containsExactly(true, false, true, false, false);
        manager.setState("p", ERROR);
        assertThat(List.of(manager.isLoaded("p"), manager.isEnabled("p"), manager.isRunning("p"),
                manager.isError("p"), manager.canExecute("p"))).containsExactly(false, false, false, true, false);
        manager.setState("p", DISABLED);
        assertThat(List.of(manager.isLoaded("p"), manager.isEnabled("p"), manager.isRunning("p"),
                manager.isError("p"), manager.canExecute("p"))).containsExactly(false, false, false, false, false);
    }

    @Test
    void recordUpdateAndDisplayStampTheClock() {
        manager.setState("clock", ENABLED);
        manager.recordUpdate("clock");
        clock.advance(Duration.ofSeconds(5));
        manager.recordDisplay("clock");

        assertThat(manager.getLastUpdate("clock")).contains(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(manager.getLastDisplay("clock")).contains(Instant.parse("2026-11-25T10:00:05Z"));
    }

    @Test
    void stateInfoGathersEverything() {
        manager.setState("clock", ENABLED);
        manager.recordUpdate("clock");
        manager.setStateWithError("clock", ENABLED, ErrorInfo.permanent("x", "Y", clock.instant()));

        StateInfo info = manager.stateInfo("clock");
        assertThat(info.state()).isEqualTo(ENABLED);
        assertThat(info.loaded()).isTrue();
        assertThat(info.enabled()).isTrue();
        assertThat(info.running()).isFalse();
        assertThat(info.error()).isFalse();
        assertThat(info.canExecute()).isTrue();
        assertThat(info.lastUpdate()).isEqualTo(clock.instant());
        assertThat(info.lastDisplay()).isNull();
        assertThat(info.errorInfo().error()).isEqualTo("x");
        assertThat(info.stateHistoryCount()).isEqualTo(2);
    }

    @Test
    void clearStateForgetsEverything() {
        manager.setState("clock", ERROR, new RuntimeException("boom"));
        manager.recordUpdate("clock");
        manager.recordDisplay("clock");

        manager.clearState("clock");

        assertThat(manager.stateInfo("clock")).isEqualTo(new PluginStateManager(clock, new HistoryProperties(5))
                .stateInfo("never-seen"));
        assertThat(manager.getStateHistory("clock")).isEmpty();
        assertThat(manager.pluginIds()).doesNotContain("clock");
    }

    // --- stronger than the seed -----------------------------------------------------------------

    @Test
    void historyIsABoundedRingThatKeepsTheTotalCount() {
        PluginStateManager small = new PluginStateManager(clock, new HistoryProperties(3));
        for (int i = 0; i < 10; i++) {
            small.setState("p", i % 2 == 0 ? ENABLED : RUNNING);
        }

        assertThat(small.getStateHistory("p")).hasSize(3);
        assertThat(small.stateInfo("p").stateHistoryCount()).isEqualTo(10);
        List<StateTransition> newest = small.history("p", 10, Long.MAX_VALUE);
        assertThat(newest).extracting(StateTransition::seq).containsExactly(10L, 9L, 8L);
    }

    @Test
    void historyPagesBackwardsWithBeforeSeq() {
        for (int i = 0; i < 6; i++) {
            manager.setState("p", i % 2 == 0 ? ENABLED : RUNNING);
        }
        List<StateTransition> first = manager.history("p", 2, Long.MAX_VALUE);
        List<StateTransition> second = manager.history("p", 2, first.getLast().seq());

        assertThat(first).extracting(StateTransition::seq).containsExactly(6L, 5L);
        assertThat(second).extracting(StateTransition::seq).containsExactly(4L, 3L);
    }

    @Test
    void sequenceNumbersGrowAcrossPlugins() {
        manager.setState("a", ENABLED);
        manager.setState("b", ENABLED);
        manager.setState("a", RUNNING);

        assertThat(manager.history("a", 10, Long.MAX_VALUE)).extracting(StateTransition::seq).containsExactly(3L, 1L);
        assertThat(manager.history("b", 10, Long.MAX_VALUE)).extracting(StateTransition::seq).containsExactly(2L);
    }

    @Test
    void compareAndSetMovesOnlyFromTheExpectedState() {
        manager.setState("p", ENABLED);

        assertThat(manager.compareAndSetState("p", ENABLED, RUNNING)).isTrue();
        assertThat(manager.compareAndSetState("p", ENABLED, RUNNING)).isFalse();
        assertThat(manager.getState("p")).isEqualTo(RUNNING);
        assertThat(manager.getStateHistory("p")).hasSize(2);
    }

    @Test
    void transitionIfReportsTheStateThatRefused() {
        manager.setState("p", DISABLED);

        assertThat(manager.transitionIf("p", java.util.Set.of(DISABLED, ENABLED), LOADED)).isEmpty();
        assertThat(manager.transitionIf("p", java.util.Set.of(ENABLED), RUNNING)).contains(LOADED);
    }

    @Test
    void listenersHearEveryTransitionInOrder() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = manager.subscribe((id, t) -> heard.add(id + ":" + t.from().jsonName() + ">"
                + t.to().jsonName()))) {
            manager.setState("p", LOADED);
            manager.setState("p", ENABLED);
            manager.recordUpdate("p");
        }
        manager.setState("p", DISABLED);

        assertThat(heard).containsExactly("p:unloaded>loaded", "p:loaded>enabled");
    }

    @Test
    void aFailingListenerDoesNotBreakTheWrite() {
        manager.subscribe((id, t) -> {
            throw new IllegalStateException("listener bug");
        });

        manager.setState("p", ENABLED);

        assertThat(manager.getState("p")).isEqualTo(ENABLED);
    }

    // --- issue 9: conditional writes, one-step success, hung updates -------------------------------

    @Test
    void conditionalWritesNeverCreateARecordForAnUnknownOrDeletedPlugin() {
        manager.setState("gone", ENABLED);
        manager.clearState("gone");

        for (String id : List.of("gone", "never-seen")) {
            manager.recordUpdate(id);
            manager.recordDisplay(id);
            manager.setErrorInfo(id, ErrorInfo.permanent("late", "Late", clock.instant()));
            assertThat(manager.updateErrorInfo(id, e -> ErrorInfo.permanent("late", "Late", clock.instant()))).isFalse();
            assertThat(manager.compareAndSetState(id, UNLOADED, ENABLED)).isFalse();
            assertThat(manager.transitionIf(id, java.util.Set.of(RUNNING), ENABLED)).contains(UNLOADED);
            assertThat(manager.setStateWithErrorIf(id, RUNNING, ENABLED, ErrorInfo.permanent("x", "X",
                    clock.instant()), null)).isFalse();
            assertThat(manager.completeUpdate(id)).isFalse();
        }
        assertThat(manager.pluginIds()).isEmpty();
        manager.setState("gone", LOADED);
        assertThat(manager.stateInfo("gone").lastUpdate()).isNull();
        assertThat(manager.getStateHistory("gone")).extracting(StateTransition::from).containsExactly(UNLOADED);
    }

    @Test
    void aSuccessfulUpdateIsOneWrite() {
        manager.setState("p", RUNNING);
        manager.setStateWithError("p", RUNNING, ErrorInfo.permanent("old", "Old", clock.instant()));
        List<StateInfo> seen = new CopyOnWriteArrayList<>();
        manager.subscribe((id, t) -> seen.add(manager.stateInfo(id)));
        clock.advance(Duration.ofSeconds(1));

        assertThat(manager.completeUpdate("p")).isTrue();

        StateInfo info = manager.stateInfo("p");
        assertThat(info.state()).isEqualTo(ENABLED);
        assertThat(info.errorInfo()).isNull();
        assertThat(info.lastUpdate()).isEqualTo(clock.instant());
        assertThat(manager.completeUpdate("p")).isFalse(); // not RUNNING any more
    }

    @Test
    void updateErrorInfoReadsAndWritesInOneStep() {
        manager.setStateWithError("p", ENABLED, new ErrorInfo("x", "X", clock.instant(), true, 1, null));
        assertThat(manager.updateErrorInfo("p", e -> e == null ? null
                : new ErrorInfo(e.error(), e.errorType(), e.timestamp(), e.recoverable(), e.consecutiveFailures() + 1,
                        null))).isTrue();
        assertThat(manager.getErrorInfo("p").orElseThrow().consecutiveFailures()).isEqualTo(2);
        assertThat(manager.getStateHistory("p")).hasSize(1); // no transition
    }

    @Test
    void aHungUpdateIsChargedToTheIdThroughStateChangesAndDeletes() {
        Instant since = clock.instant();
        manager.setState("p", RUNNING);
        manager.setHungUpdateSince("p", since);
        manager.setState("p", DISABLED); // clears error info as in the seed, not the hung update
        assertThat(manager.stateInfo("p").hungUpdateSince()).isEqualTo(since);

        manager.clearState("p");
        assertThat(manager.pluginIds()).isEmpty();
        assertThat(manager.stateInfo("p").hungUpdateSince()).isEqualTo(since);
        manager.setState("p", LOADED); // re-created while the thread still lives
        assertThat(manager.stateInfo("p").hungUpdateSince()).isEqualTo(since);

        manager.setHungUpdateSince("p", null);
        assertThat(manager.stateInfo("p").hungUpdateSince()).isNull();
    }
}
