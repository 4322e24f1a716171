package dev.ledmatrix.display;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The measured frame rate: frames within the last second, at any rate the loop can run and for any run time. */
class FrameRateTest {

    static final long SECOND = 1_000_000_000L;

    final FrameRate rate = new FrameRate();

    @Test
    void noFramesIsZero() {
        assertThat(rate.perSecond(5 * SECOND)).isZero();
    }

    @Test
    void aSteadyThirtyFramesPerSecondReadsThirty() {
        long period = SECOND / 30;
        long t = 0;
        for (int i = 0; i < 300; i++) {
            t = i * period;
            rate.tick(t);
        }
        assertThat(rate.perSecond(t + period / 2)).isEqualTo(30); // read between frames, as a scrape would
    }

    @Test
    void framesOlderThanASecondDoNotCount() {
        rate.tick(0);
        rate.tick(SECOND / 2);
        assertThat(rate.perSecond(SECOND)).isEqualTo(1);
        assertThat(rate.perSecond(3 * SECOND)).isZero();
    }

    @Test
    void theRingWrapsAroundManyTimes() {
        long period = SECOND / 120;
        long t = 0;
        for (int i = 0; i < 10_000; i++) {
            t = i * period;
            rate.tick(t);
        }
        assertThat(rate.perSecond(t + period / 2)).isEqualTo(120);
    }
}
