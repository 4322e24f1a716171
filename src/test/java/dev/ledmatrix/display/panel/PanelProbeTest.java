package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the trial run's options travel to the child and how its end is read; the child itself: BoardSimulationTest. */
class PanelProbeTest {

    @Test
    void everyPropertyReachesTheChildUnchanged() {
        PanelProperties p = TestPanels.properties("backend=native", "rows=16", "cols=32", "chain-length=3",
                "parallel=2", "hardware-mapping=Adafruit-HAT", "brightness=55", "pwm-bits=7", "pwm-lsb-nanoseconds=50",
                "pwm-dither-bits=1", "gpio-slowdown=4", "scan-mode=1", "row-address-type=2", "multiplexing=3",
                "disable-hardware-pulsing=true", "show-refresh-rate=true", "inverse-colors=true",
                "led-rgb-sequence=GBR", "pixel-mapper-config=U-mapper;Rotate:90", "panel-type=FM6126A",
                "limit-refresh-rate-hz=120", "disable-busy-waiting=true", "rp1-rio=true",
                "library-path=/opt/lib/librgbmatrix.so.1", "allow-non-pi=true");

        PanelProperties back = PanelProbe.decode(PanelProbe.encode(p).toArray(String[]::new));

        assertThat(back).isEqualTo(p);
    }

    @Test
    void anAbortIsReadAsASignalWithAdviceAndTheLibrarysWords() {
        String out = "There is no hardware mapping named 'compute-module'.\nAvailable: 'regular', 'adafruit-hat'\n";
        PanelProbe.Outcome o = PanelProbe.interpret(134, out,
                TestPanels.properties("backend=native", "hardware-mapping=compute-module"));

        assertThat(o.opened()).isFalse();
        assertThat(o.problem()).contains("ENABLE_WIDE_GPIO_COMPUTE_MODULE").contains("signal 6")
                .contains("There is no hardware mapping named 'compute-module'");
        assertThat(o.libraryOutput()).isEqualTo(out.strip());
    }

    @Test
    void anExitIsReadAsAnExitAndUnknownWordsArePassedOn() {
        PanelProbe.Outcome o = PanelProbe.interpret(1, "something new went wrong\n",
                TestPanels.properties("backend=native"));
        assertThat(o.problem()).startsWith("In a trial run").contains("called exit(1)")
                .contains("\"something new went wrong\"");
    }

    @Test
    void aRefusalCarriesTheBindingsReasonAndOnlyTheLibraryOutputIsKept() {
        String all = "SLF4J(I): Attempting to load provider\nMust run as root to be able to access /dev/mem\n"
                + PanelProbe.REFUSED + "led_matrix_create_from_options_and_rt_options returned NULL\n";
        PanelProbe.Outcome o = PanelProbe.interpret(PanelProbe.EXIT_REFUSED, all,
                TestPanels.properties("backend=native"));
        assertThat(o.problem()).contains("/dev/gpiomem").contains("returned NULL");
        assertThat(o.libraryOutput()).isEqualTo("Must run as root to be able to access /dev/mem");
    }

    @Test
    void onlyAnOrderlyExitWithTheOpenedLineCountsAsOpened() {
        PanelProperties p = TestPanels.properties("backend=native");
        assertThat(PanelProbe.interpret(0, PanelProbe.OPENED + "128x32\n", p).opened()).isTrue();
        assertThat(PanelProbe.interpret(0, "", p).opened()).as("exit 0 without the line").isFalse();
        assertThat(PanelProbe.interpret(1, PanelProbe.OPENED + "128x32\n", p).opened()).isFalse();
    }
}
