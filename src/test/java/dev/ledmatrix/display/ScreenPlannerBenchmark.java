package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.ledmatrix.plugin.TimeWindow;

/**
 * What deciding one frame costs the render thread: the power plan (cached until it is due to change) and the screen
 * planner over {@code plugins} instances in rotation, with a weekly schedule and dim windows, and the power plan
 * computed afresh (what happens once per change). Not a test; run as documented in docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScreenPlannerBenchmark {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Schedule SCHEDULE = new Schedule("Europe/Berlin",
            List.of(new TimeWindow(List.of("mon", "tue", "wed", "thu", "fri"), "06:30", "23:00"),
                    new TimeWindow(List.of("sat", "sun"), "08:00", "00:30")),
            List.of(new DimWindow(null, "21:00", "07:00", 20)));

    @Param({"2", "1000"})
    int plugins;

    private ScreenPlanner planner;
    private Notifications notifications;
    private Lineup lineup;
    private PowerPlan.State power;
    private Instant now;

    @Setup
    public void setUp() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plugins; i++) {
            ids.add("p" + i);
        }
        lineup = new Lineup() {
            @Override
            public List<String> order() {
                return ids;
            }

            @Override
            public boolean renderable(String id, Instant t) {
                return true;
            }

            @Override
            public boolean inWindow(String id, Instant t) {
                return true;
            }

            @Override
            public boolean live(String id) {
                return false;
            }

            @Override
            public Duration duration(String id) {
                return Duration.ofSeconds(15);
            }

            @Override
            public Duration cap(String id) {
                return Duration.ofSeconds(180);
            }

            @Override
            public boolean cycleComplete(String id) {
                return true;
            }
        };
        planner = new ScreenPlanner();
        notifications = new Notifications();
        now = Instant.parse("2026-12-01T11:00:00Z");
        power = PowerPlan.at(now, SCHEDULE, BERLIN, null, true, 80); // what the cache hands out between changes
    }

    /** One frame's decision between power changes: the planner with the cached power plan. */
    @Benchmark
    public ScreenState frameDecision() {
        now = now.plusMillis(33);
        return planner.decide(now, power, null, notifications, Notification::duration, lineup);
    }

    /** The power plan computed afresh: once per change of power, brightness or settings. */
    @Benchmark
    public PowerPlan.State powerPlan() {
        now = now.plusMillis(33);
        return PowerPlan.at(now, SCHEDULE, BERLIN, null, true, 80);
    }
}
