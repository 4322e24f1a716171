package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The wait after a failed update, as a pure function of failures, interval, cap and a random number. */
class BackoffTest {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration CAP = Duration.ofMinutes(5);

    private static Duration delay(int failures, double random) {
        return Backoff.delay(failures, INTERVAL, CAP, () -> random);
    }

    @Test
    void theFirstThreeFailuresWaitExactlyOneIntervalWhateverTheRandomNumber() {
        for (int failures = 1; failures <= 3; failures++) {
            assertThat(delay(failures, 0.0)).isEqualTo(INTERVAL);
            assertThat(delay(failures, 0.5)).isEqualTo(INTERVAL);
            assertThat(delay(failures, 0.999_999)).isEqualTo(INTERVAL);
        }
    }

    @Test
    void fromTheFourthFailureTheWaitDoublesEachTime() {
        // random 0.5 is the middle of the jitter range: no jitter at all
        assertThat(delay(4, 0.5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(delay(5, 0.5)).isEqualTo(Duration.ofSeconds(40));
        assertThat(delay(6, 0.5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(delay(7, 0.5)).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void theWaitStopsGrowingAtTheCap() {
        assertThat(delay(8, 0.5)).isEqualTo(CAP); // 320 s would be past the 300 s cap
        assertThat(delay(50, 0.5)).isEqualTo(CAP);
        assertThat(delay(Integer.MAX_VALUE, 0.5)).isEqualTo(CAP);
    }

    @Test
    void jitterIsPlusOrMinusTwentyPercent() {
        assertThat(delay(4, 0.0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(delay(4, 0.25)).isEqualTo(Duration.ofSeconds(18));
        assertThat(delay(4, 0.75)).isEqualTo(Duration.ofSeconds(22));
        assertThat(delay(4, 0.999_999)).isEqualTo(Duration.ofSeconds(24)); // 23.99999 s, in whole milliseconds
        assertThat(delay(50, 0.0)).isEqualTo(Duration.ofSeconds(240));
        assertThat(delay(50, 0.999_999)).isEqualTo(CAP); // jitter never takes the wait past the cap
    }

    @Test
    void aCapShorterThanTheIntervalNeverShortensTheInterval() {
        Duration shortCap = Duration.ofSeconds(3);
        assertThat(Backoff.delay(10, INTERVAL, shortCap, () -> 0.0)).isEqualTo(INTERVAL);
        assertThat(Backoff.delay(10, INTERVAL, shortCap, () -> 0.999)).isEqualTo(INTERVAL);
    }

    @Test
    void waitsAreWholeMillisecondsButNeverBelowASubMillisecondInterval() {
        Duration tiny = Duration.ofNanos(400_000);
        assertThat(Backoff.delay(5, tiny, CAP, () -> 0.5)).isEqualTo(Duration.ofMillis(2)); // 1.6 ms
        assertThat(Backoff.delay(4, tiny, CAP, () -> 0.0)).isEqualTo(Duration.ofMillis(1)); // 0.64 ms
        assertThat(Backoff.delay(10, tiny, Duration.ofNanos(1), () -> 0.0)).isEqualTo(tiny); // 0.32 ms → 0
    }

    @Property(tries = 2000)
    void neverBelowTheIntervalNorAboveTheCap(
            @ForAll @IntRange(min = 1, max = 10_000) int failures,
            @ForAll @LongRange(min = 1, max = 86_400_000_000_000L) long intervalNanos,
            @ForAll @LongRange(min = 1, max = 86_400_000_000_000L) long capNanos,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration interval = Duration.ofNanos(intervalNanos);
        Duration wait = Backoff.delay(failures, interval, Duration.ofNanos(capNanos), () -> random);

        assertThat(wait).isGreaterThanOrEqualTo(interval);
        long ceiling = Math.max(intervalNanos, capNanos);
        assertThat(wait.toNanos()).isLessThanOrEqualTo(ceiling);
        if (failures <= 3) {
            assertThat(wait).isEqualTo(interval);
        } else if (wait.compareTo(interval) > 0 && wait.toNanos() < ceiling) {
            assertThat(wait.toNanos() % 1_000_000).as("whole milliseconds").isZero();
        }
    }

    @Property(tries = 500)
    void moreFailuresNeverWaitLessForTheSameRandomNumber(
            @ForAll @IntRange(min = 1, max = 60) int failures,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        assertThat(delay(failures + 1, random)).isGreaterThanOrEqualTo(delay(failures, random));
    }
}
