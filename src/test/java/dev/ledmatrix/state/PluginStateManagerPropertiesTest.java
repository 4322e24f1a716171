package dev.ledmatrix.state;

import dev.ledmatrix.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of writes over a few plugins, checked after every step against {@link StateModel}: the
 * snapshot, the error info, the bounded history (whole and paged), the total count, the known ids and what
 * a listener heard. A history bound of 4 makes the ring wrap within most sequences.
 */
class PluginStateManagerPropertiesTest {

    private static final int MAX_ENTRIES = 4;
    /** "z" is never written: it must read as unknown throughout. */
    private static final List<String> READ_IDS = List.of("a", "b", "c", "z");

    @Property(tries = 400)
    void behavesLikeTheSeedWithABoundedHistory(@ForAll("operations") List<Op> operations) {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
        PluginStateManager manager = new PluginStateManager(clock, new HistoryProperties(MAX_ENTRIES));
        StateModel model = new StateModel(clock, MAX_ENTRIES);
        List<StateModel.Heard> heard = new ArrayList<>();
        manager.subscribe((id, t) -> heard.add(new StateModel.Heard(id, t)));

        for (int step = 0; step < operations.size(); step++) {
            Op op = operations.get(step);
            String where = "after step " + step + " " + op;
            op.apply(manager, model, clock, where);
            for (String id : READ_IDS) {
                assertSameView(manager, model, id, where);
            }
            assertThat(manager.pluginIds()).as(where).isEqualTo(model.pluginIds());
            assertThat(heard).as(where).isEqualTo(model.heard());
        }
    }

    private static void assertSameView(PluginStateManager manager, StateModel model, String id, String where) {
        String as = where + ", plugin " + id;
        StateInfo expected = model.stateInfo(id);
        assertThat(manager.stateInfo(id)).as(as).isEqualTo(expected);
        assertThat(manager.getState(id)).as(as).isEqualTo(expected.state());
        assertThat(manager.canExecute(id)).as(as).isEqualTo(expected.canExecute());
        assertThat(manager.getErrorInfo(id)).as(as).isEqualTo(Optional.ofNullable(expected.errorInfo()));
        assertThat(manager.getLastUpdate(id)).as(as).isEqualTo(Optional.ofNullable(expected.lastUpdate()));
        assertThat(manager.getLastDisplay(id)).as(as).isEqualTo(Optional.ofNullable(expected.lastDisplay()));

        List<StateTransition> newestFirst = model.newestFirst(id);
        assertThat(manager.history(id, Integer.MAX_VALUE, Long.MAX_VALUE)).as(as).isEqualTo(newestFirst);
        assertThat(manager.getStateHistory(id)).as(as).isEqualTo(newestFirst.reversed());
        // Paging: every limit around the bound, before every kept seq (and one past the newest).
        List<Long> befores = new ArrayList<>(List.of(Long.MAX_VALUE, 0L));
        newestFirst.forEach(t -> befores.add(t.seq()));
        newestFirst.stream().findFirst().ifPresent(t -> befores.add(t.seq() + 1));
        for (int limit = 0; limit <= MAX_ENTRIES + 1; limit++) {
            for (long before : befores) {
                List<StateTransition> page = newestFirst.stream().filter(t -> t.seq() < before).limit(limit).toList();
                assertThat(manager.history(id, limit, before)).as(as + ", page limit " + limit + " before " + before)
                        .isEqualTo(page);
            }
        }
    }

    // --- operations -------------------------------------------------------------------------------

    /** One step, done to both the manager and the model; return values must agree. */
    sealed interface Op {
        void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where);
    }

    record SetState(String id, PluginState state, String error) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            Throwable ex = exception(error);
            if (ex == null && state.ordinal() % 2 == 0) {
                manager.setState(id, state); // the one-argument overload too
            } else {
                manager.setState(id, state, ex);
            }
            model.setState(id, state, ex);
        }
    }

    record SetStateWithError(String id, PluginState state, ErrorInfo info, String error) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            Throwable ex = exception(error);
            if (ex == null) {
                manager.setStateWithError(id, state, info);
            } else {
                manager.setStateWithError(id, state, info, ex);
            }
            model.setStateWithError(id, state, info, ex);
        }
    }

    record SetErrorInfo(String id, ErrorInfo info) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            manager.setErrorInfo(id, info);
            model.setErrorInfo(id, info);
        }
    }

    record CompareAndSet(String id, PluginState expected, PluginState next) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            assertThat(manager.compareAndSetState(id, expected, next)).as(where)
                    .isEqualTo(model.compareAndSetState(id, expected, next));
        }
    }

    record TransitionIf(String id, Set<PluginState> allowed, PluginState next) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            assertThat(manager.transitionIf(id, allowed, next)).as(where)
                    .isEqualTo(model.transitionIf(id, allowed, next));
        }
    }

    record RecordUpdate(String id) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            manager.recordUpdate(id);
            model.recordUpdate(id);
        }
    }

    record CompleteUpdate(String id) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            assertThat(manager.completeUpdate(id)).as(where).isEqualTo(model.completeUpdate(id));
        }
    }

    record RecordDisplay(String id) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            manager.recordDisplay(id);
            model.recordDisplay(id);
        }
    }

    record ClearState(String id) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            manager.clearState(id);
            model.clearState(id);
        }
    }

    record Advance(long millis) implements Op {
        public void apply(PluginStateManager manager, StateModel model, ManualClock clock, String where) {
            clock.advance(Duration.ofMillis(millis));
        }
    }

    /** null: no exception; "": one without a message (its class name stands in); else that message. */
    private static Throwable exception(String error) {
        if (error == null) {
            return null;
        }
        return error.isEmpty() ? new TimeoutException() : new IllegalStateException(error);
    }

    // --- generators -------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> ids = Arbitraries.of("a", "b", "c");
        Arbitrary<PluginState> states = Arbitraries.of(PluginState.class);
        Arbitrary<String> errors = Arbitraries.of("", "boom", "api key missing").injectNull(0.5);
        Arbitrary<ErrorInfo> infos = Combinators.combine(
                Arbitraries.of("timed out", "bad config"),
                Arbitraries.of("Timeout", "ConfigError"),
                Arbitraries.integers().between(1, 3).injectNull(0.5),
                Arbitraries.longs().between(0, 100))
                .as((message, type, failures, second) -> new ErrorInfo(message, type,
                        Instant.parse("2026-11-25T09:00:00Z").plusSeconds(second), failures == null ? null : true,
                        failures, null));

        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(ids, states, errors).as(SetState::new)),
                Tuple.of(3, Combinators.combine(ids, states, infos, errors).as(SetStateWithError::new)),
                Tuple.of(2, Combinators.combine(ids, infos).as(SetErrorInfo::new)),
                Tuple.of(4, Combinators.combine(ids, states, states).as(CompareAndSet::new)),
                Tuple.of(2, Combinators.combine(ids, states.set().ofMaxSize(3), states).as(TransitionIf::new)),
                Tuple.of(2, ids.map(RecordUpdate::new)),
                Tuple.of(2, ids.map(CompleteUpdate::new)),
                Tuple.of(2, ids.map(RecordDisplay::new)),
                Tuple.of(1, ids.map(ClearState::new)),
                Tuple.of(2, Arbitraries.longs().between(1, 5_000).map(Advance::new)));
        return op.list().ofMaxSize(60);
    }
}
