package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The order of the native panel's three steps, with the trial run replaced: what reaches the library in-process. */
class PanelSelectionTest {

    @Test
    void aSetupThatEndedTheTrialRunIsNeverLoadedIntoTheService() {
        long calls = FakeRgbMatrix.apiCalls();
        PanelSelection s = PanelSelection.select(TestPanels.fakeNative(), () -> TestPanels.TEST_HOST,
                p -> new PanelProbe.Outcome(false, "In a trial run ... was killed by signal 6", "PANIC: x"));

        assertThat(s.panel()).isInstanceOf(EmulatorPanel.class);
        assertThat(s.status().problem()).contains("signal 6");
        assertThat(s.status().libraryMessage()).isEqualTo("PANIC: x");
        assertThat(FakeRgbMatrix.apiCalls()).as("no native call in this process").isEqualTo(calls);
    }

    @Test
    void theBoardRulesAnswerBeforeAnyTrialRunAndATrialThatOpenedLeadsToTheRealPanel() {
        AtomicInteger trials = new AtomicInteger();
        HostFacts pi5WithoutPio = TestPanels.pi(TestPanels.PI5, TestPanels.PI5_REVISION, 10001,
                java.util.Set.of());
        PanelSelection refused = PanelSelection.select(TestPanels.fakeNative(), () -> pi5WithoutPio, p -> {
            trials.incrementAndGet();
            return new PanelProbe.Outcome(true, null, null);
        });
        assertThat(refused.status().problem()).startsWith("/dev/pio0 is absent").contains("compose.pi5.yaml");
        assertThat(trials).as("no trial needed for a known problem").hasValue(0);

        PanelSelection opened = PanelSelection.select(TestPanels.fakeNative(), () -> TestPanels.TEST_HOST, p -> {
            trials.incrementAndGet();
            return new PanelProbe.Outcome(true, null, null);
        });
        try {
            assertThat(opened.panel().backend()).isEqualTo("native");
            assertThat(opened.status().degraded()).isFalse();
            assertThat(trials).hasValue(1);
        } finally {
            opened.panel().close();
        }
    }
}
