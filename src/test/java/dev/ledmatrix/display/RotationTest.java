package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@link Rotation} alone: the plugin on screen, second by second, for given orders, durations, plugins that
 * cannot be shown and pins.
 */
class RotationTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    final Rotation rotation = new Rotation();
    final Set<String> hidden = new HashSet<>();
    Map<String, Duration> durations = Map.of("a", Duration.ofSeconds(2), "b", Duration.ofSeconds(3),
            "c", Duration.ofSeconds(1));
    List<String> order = List.of("a", "b", "c");
    Pin pin;

    private String at(int second) {
        return rotation.choose(T0.plusSeconds(second), order, id -> !hidden.contains(id), durations::get, pin);
    }

    /** The plugin on screen at each whole second from {@code from} to {@code to} inclusive. */
    private List<String> timeline(int from, int to) {
        List<String> shown = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            shown.add(at(s));
        }
        return shown;
    }

    @Test
    void eachPluginInOrderForItsOwnDurationThenAroundAgain() {
        assertThat(timeline(0, 11)).containsExactly("a", "a", "b", "b", "b", "c", "a", "a", "b", "b", "b", "c");
    }

    @Test
    void sinceIsWhenThePluginCameOnScreen() {
        timeline(0, 3);
        assertThat(rotation.current()).isEqualTo("b");
        assertThat(rotation.since()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void skipsPluginsThatCannotBeShownAndTakesThemBackWhenTheyCan() {
        hidden.add("b");
        assertThat(timeline(0, 5)).containsExactly("a", "a", "c", "a", "a", "c");
        hidden.clear();
        assertThat(timeline(6, 10)).containsExactly("a", "a", "b", "b", "b");
    }

    @Test
    void aPluginThatCannotBeShownAnyMoreLeavesTheScreenAtOnce() {
        assertThat(timeline(0, 2)).endsWith("b");
        hidden.add("b");
        assertThat(at(3)).isEqualTo("c");
    }

    @Test
    void theOnlyShowablePluginGetsANewTurnEachTimeItsDurationEnds() {
        hidden.addAll(List.of("b", "c"));
        assertThat(timeline(0, 4)).containsOnly("a");
        assertThat(rotation.since()).isEqualTo(T0.plusSeconds(4)); // turns at 0, 2, 4
    }

    @Test
    void nothingShowableShowsNothingAndRotationResumesAfterwards() {
        hidden.addAll(List.of("a", "b", "c"));
        assertThat(at(0)).isNull();
        assertThat(rotation.since()).isNull();
        hidden.remove("c");
        assertThat(at(1)).isEqualTo("c");
    }

    @Test
    void anEmptyOrderShowsNothing() {
        order = List.of();
        assertThat(at(0)).isNull();
    }

    @Test
    void aPluginRemovedFromTheOrderIsFollowedByTheFirst() {
        assertThat(timeline(0, 2)).containsExactly("a", "a", "b");
        order = List.of("a", "c");
        hidden.add("b"); // removed plugins are not showable either
        assertThat(at(3)).isEqualTo("a");
    }

    @Test
    void aPinForADurationHoldsItsPluginThenEndsByItselfAndRotationGoesOnAfterIt() {
        assertThat(at(0)).isEqualTo("a");
        pin = new Pin("c", T0.plusSeconds(1), T0.plusSeconds(6));
        assertThat(timeline(1, 5)).containsOnly("c"); // far longer than c's own 1 s
        assertThat(rotation.since()).isEqualTo(T0.plusSeconds(1));
        assertThat(timeline(6, 9)).containsExactly("a", "a", "b", "b");
    }

    @Test
    void aPinShorterThanThePluginsOwnDurationEndsItsTurnWithThePin() {
        assertThat(at(0)).isEqualTo("a");
        pin = new Pin("b", T0, T0.plusSeconds(1)); // b's own duration is 3 s
        assertThat(at(0)).isEqualTo("b");
        assertThat(at(1)).isEqualTo("c");
    }

    @Test
    void pinningThePluginOnScreenKeepsItsTurnAndEndsItWithThePin() {
        assertThat(at(0)).isEqualTo("a");
        pin = new Pin("a", T0, T0.plusSeconds(5));
        assertThat(timeline(1, 4)).containsOnly("a");
        assertThat(rotation.since()).isEqualTo(T0); // no restart: a scrolling text does not jump
        assertThat(at(5)).isEqualTo("b");
    }

    @Test
    void aPinUntilUnpinnedHoldsForeverAndAnUnpinMovesOn() {
        at(0);
        pin = new Pin("b", T0, null);
        assertThat(timeline(0, 1000).stream().distinct()).containsExactly("b");
        pin = null;
        assertThat(timeline(1001, 1002)).containsExactly("c", "a");
    }

    @Test
    void aPinnedPluginThatCannotBeShownYieldsToTheRotationUntilItCan() {
        pin = new Pin("b", T0, null);
        hidden.add("b");
        assertThat(timeline(0, 3)).containsExactly("a", "a", "c", "a");
        hidden.clear();
        assertThat(timeline(4, 6)).containsOnly("b");
    }

    @Test
    void theOnlyShowablePluginGetsANewTurnWhenItsPinEnds() {
        hidden.addAll(List.of("b", "c"));
        pin = new Pin("a", T0, T0.plusSeconds(10));
        assertThat(timeline(0, 9)).containsOnly("a");
        assertThat(rotation.since()).isEqualTo(T0);
        assertThat(at(10)).isEqualTo("a");
        assertThat(rotation.since()).isEqualTo(T0.plusSeconds(10));
    }
}
