package dev.ledmatrix.display.panel;

import static dev.ledmatrix.display.panel.BoardSim.Device.ABSENT;
import static dev.ledmatrix.display.panel.BoardSim.Device.DENIED;
import static dev.ledmatrix.display.panel.BoardSim.Device.MAPPABLE;
import static dev.ledmatrix.display.panel.HostFacts.DEV_GPIOMEM;
import static dev.ledmatrix.display.panel.HostFacts.DEV_GPIOMEM0;
import static dev.ledmatrix.display.panel.HostFacts.DEV_MEM;
import static dev.ledmatrix.display.panel.HostFacts.DEV_PIO0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ledmatrix.display.panel.BoardService.Result;

/**
 * Issue 11's table, and the setups that must work, each on a simulated board: the whole service in a child JVM
 * under the boardsim shim, the native panel on the fake library, which takes upstream's fatal paths (exit(1),
 * abort()) for real in that child. For a fatal setup the JVM survives, the API answers and health {@code panel}
 * says what to change (and shows the library's own message when the trial run was what caught it); for a setup
 * that works the panel opens (through the same trial run) and lit frames reach the library.
 *
 * <p>The scenarios start together, three at a time (each is a child JVM plus its trial JVM), in
 * {@link #startAll}; each test then checks its own.
 */
class BoardSimulationTest {

    private static final Map<String, Future<Result>> RESULTS = new LinkedHashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void startAll() {
        pool = Executors.newFixedThreadPool(3);
        // --- the table: setups that used to end the JVM ---
        start("pi4-pulsing-without-dev-mem", BoardSim.pi4().device(DEV_MEM, DENIED).device(DEV_GPIOMEM, MAPPABLE),
                false, false);
        start("pi5-pio0-denied", BoardSim.pi5().device(DEV_PIO0, DENIED), false, false);
        start("pi5-rio-gpiomem0-denied", BoardSim.pi5().device(DEV_PIO0, MAPPABLE).device(DEV_GPIOMEM0, DENIED),
                false, false, "rp1-rio=true");
        start("pi5-no-free-state-machine", BoardSim.pi5().device(DEV_PIO0, MAPPABLE).pioBusy(), false, false);
        start("cm4-compute-module-without-wide-gpio", BoardSim.cm4().device(DEV_MEM, MAPPABLE)
                .device(DEV_GPIOMEM, MAPPABLE), false, false, "hardware-mapping=compute-module");
        start("rows-broken-by-multiplexer", BoardSim.pi4().device(DEV_GPIOMEM, MAPPABLE), false, false,
                "rows=10", "multiplexing=1", "disable-hardware-pulsing=true");
        // --- setups that must work ---
        start("pi4-adafruit-hat-pulsing-without-dev-mem", BoardSim.pi4().device(DEV_MEM, DENIED)
                .device(DEV_GPIOMEM, MAPPABLE), false, true, "hardware-mapping=adafruit-hat");
        start("pi3-classic-pulsing-without-dev-mem", BoardSim.pi3().device(DEV_MEM, ABSENT)
                .device(DEV_GPIOMEM, MAPPABLE), false, true, "hardware-mapping=classic");
        start("pi4-regular-pulsing-with-dev-mem", BoardSim.pi4().device(DEV_MEM, MAPPABLE)
                .device(DEV_GPIOMEM, MAPPABLE), false, true);
        start("pi5-pio-pulsing-default-with-sound-driver", BoardSim.pi5().device(DEV_PIO0, MAPPABLE)
                .module("snd_bcm2835"), false, true);
        start("pi5-pio-regular-pi1", BoardSim.pi5().device(DEV_PIO0, MAPPABLE), false, true,
                "hardware-mapping=regular-pi1");
        start("pi5-rio", BoardSim.pi5().device(DEV_PIO0, MAPPABLE).device(DEV_GPIOMEM0, MAPPABLE), false, true,
                "rp1-rio=true");
        start("cm4-compute-module-wide-gpio", BoardSim.cm4().device(DEV_MEM, MAPPABLE).device(DEV_GPIOMEM, MAPPABLE),
                true, true, "hardware-mapping=compute-module", "parallel=4");
    }

    private static void start(String scenario, BoardSim board, boolean wide, boolean works, String... panel) {
        // A fatal setup runs the whole service (the API must answer); a working one only the backend, which
        // opens the panel as the service does and pushes frames (a cheaper child, same code path).
        RESULTS.put(scenario, pool.submit(() -> works ? BoardService.runBackend(scenario, board, wide, panel)
                : BoardService.run(scenario, board, wide, false, panel)));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static Result result(String scenario) throws Exception {
        return RESULTS.get(scenario).get();
    }

    /** The JVM survived, the API answered, and the emulator stands in with health saying why. */
    private static Result survivedOnTheEmulator(String scenario) throws Exception {
        Result r = result(scenario);
        assertThat(r.exitStatus()).as("the service kept running\n%s", r).isNull();
        assertThat(r.display().path("width").asInt()).as("the API answers\n%s", r).isEqualTo(128);
        assertThat(r.display().path("backend").asString()).as(r.toString()).isEqualTo("emulator");
        assertThat(r.panel().path("status").asString()).as(r.toString()).isEqualTo("DEGRADED");
        assertThat(r.panel().path("details").path("requestedBackend").asString()).isEqualTo("native");
        assertThat(r.swaps()).as("nothing was shown through the library by the service").isZero();
        return r;
    }

    /** The panel opened (after its trial run) and the lit frames pushed reached the library. */
    private static Result framesReachTheLibrary(String scenario) throws Exception {
        Result r = result(scenario);
        assertThat(r.exitStatus()).as("the backend finished normally\n%s", r).isZero();
        assertThat(r.backend()).as(r.toString()).isEqualTo("native");
        assertThat(r.log()).contains("problem=null");
        assertThat(r.swaps()).as("frames swapped in by the library\n%s", r).isEqualTo(3);
        assertThat(r.lit()).as("the last frame's lit pixels on display\n%s", r).isEqualTo(30);
        return r;
    }

    // ---- the table ----

    @Test
    void pi4HardwarePulsingWithoutDevMemSaysWhichDeviceAndWhichProperty() throws Exception {
        Result r = survivedOnTheEmulator("pi4-pulsing-without-dev-mem");
        assertThat(r.problem()).contains("/dev/mem cannot be opened (Operation not permitted)")
                .contains("hardware-mapping=regular").contains("ledmatrix.panel.disable-hardware-pulsing=true")
                .contains("CAP_SYS_RAWIO");
    }

    @Test
    void pi5WithPio0PresentButNotOpenableSaysHowToGrantIt() throws Exception {
        Result r = survivedOnTheEmulator("pi5-pio0-denied");
        assertThat(r.problem()).contains("/dev/pio0 cannot be opened (Permission denied)").contains("group gpio")
                .contains("docker/compose.pi5.yaml").contains("SupplementaryGroups=gpio");
    }

    @Test
    void pi5RioWithGpiomem0NotMappableSaysHowToGrantItOrUsePio() throws Exception {
        Result r = survivedOnTheEmulator("pi5-rio-gpiomem0-denied");
        assertThat(r.problem()).contains("ledmatrix.panel.rp1-rio=true").contains("/dev/gpiomem0")
                .contains("Permission denied").contains("ledmatrix.panel.rp1-rio=false");
    }

    @Test
    void pi5WithNoFreePioStateMachineIsCaughtByTheTrialRunWithTheLibrarysMessage() throws Exception {
        Result r = survivedOnTheEmulator("pi5-no-free-state-machine");
        assertThat(r.problem()).contains("state machine").contains("another LED matrix process")
                .contains("called exit(1)");
        assertThat(r.libraryMessage()).contains("No PIO state machines are available");
        assertThat(r.log()).contains("No PIO state machines are available");
    }

    @Test
    void computeModuleMappingInALibraryBuiltWithoutItIsCaughtByTheTrialRun() throws Exception {
        Result r = survivedOnTheEmulator("cm4-compute-module-without-wide-gpio");
        assertThat(r.problem()).contains("ENABLE_WIDE_GPIO_COMPUTE_MODULE").contains("ledmatrix.panel.hardware-mapping")
                .contains("signal 6");
        assertThat(r.libraryMessage()).contains("There is no hardware mapping named 'compute-module'");
    }

    @Test
    void rowsThatBreakAfterTheMultiplexerStopStartupNamingTheProperty() throws Exception {
        Result r = result("rows-broken-by-multiplexer");
        // SPEC section 2: an invalid value stops startup with the property, the value and what is allowed;
        // an orderly stop (exit 1), not an abort (134)
        assertThat(r.exitStatus()).as(r.toString()).isEqualTo(1);
        assertThat(r.log()).contains("ledmatrix.panel.rows").contains("10").contains("multiplexing=1")
                .doesNotContain("Assertion");
    }

    // ---- setups that must work ----

    @Test
    void adafruitHatNeedsNoDevMemForHardwarePulsing() throws Exception {
        framesReachTheLibrary("pi4-adafruit-hat-pulsing-without-dev-mem");
    }

    @Test
    void classicNeedsNoDevMemForHardwarePulsing() throws Exception {
        framesReachTheLibrary("pi3-classic-pulsing-without-dev-mem");
    }

    @Test
    void regularWithDevMemPulsesAsBefore() throws Exception {
        framesReachTheLibrary("pi4-regular-pulsing-with-dev-mem");
    }

    @Test
    void pi5IgnoresTheRootAndSoundDriverRulesOfThePulseGenerator() throws Exception {
        framesReachTheLibrary("pi5-pio-pulsing-default-with-sound-driver");
    }

    @Test
    void pi5PioAcceptsRegularPi1() throws Exception {
        framesReachTheLibrary("pi5-pio-regular-pi1");
    }

    @Test
    void pi5RioWorksWithGpiomem0() throws Exception {
        framesReachTheLibrary("pi5-rio");
    }

    @Test
    void computeModuleMappingWorksWithAWideGpioBuild() throws Exception {
        Result r = framesReachTheLibrary("cm4-compute-module-wide-gpio");
        assertThat(r.log()).contains("size=128x128"); // 32 rows × 4 parallel chains
    }
}
