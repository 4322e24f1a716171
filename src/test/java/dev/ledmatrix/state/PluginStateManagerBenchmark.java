package dev.ledmatrix.state;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Cost of the manager's hot paths: the lock-free snapshot read every API call and render tick makes, the
 * ENABLED→RUNNING→ENABLED pair every scheduled update makes, and the recoverable-failure write. Each runs
 * on 1 thread and on 2 threads sharing one manager. The threads walk the plugins round-robin from
 * opposite halves of the list: with 10 plugins they drift onto the same plugin's lock now and then, with
 * 1000 almost never; every transition of every plugin shares the one sequence counter.
 *
 * <p>Not a test (Surefire skips it by name); run it as docs/benchmarks.md says.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PluginStateManagerBenchmark {

    /**
     * One manager shared by all benchmark threads, holding {@code plugins} ENABLED plugins whose history
     * rings are already full, as in a service that has run a while: otherwise the first seconds measure
     * filling the rings and the rest measure overwriting them (a different GC load).
     */
    @State(Scope.Benchmark)
    public static class Manager {

        /** The default of ledmatrix.history.max-entries. */
        static final int HISTORY = 500;

        @Param({"10", "1000"})
        public int plugins;

        PluginStateManager manager;
        String[] ids;
        ErrorInfo timeout;

        @Setup(Level.Trial)
        public void setUp() {
            manager = new PluginStateManager(Clock.systemUTC(), new HistoryProperties(HISTORY));
            ids = new String[plugins];
            for (int i = 0; i < plugins; i++) {
                ids[i] = "plugin-" + i;
                manager.setState(ids[i], PluginState.LOADED);
                for (int t = 0; t < HISTORY; t += 2) {
                    manager.setState(ids[i], PluginState.ENABLED);
                    manager.setState(ids[i], PluginState.RUNNING);
                }
                manager.setState(ids[i], PluginState.ENABLED);
                manager.recordUpdate(ids[i]);
            }
            timeout = new ErrorInfo("update timed out after 30s", "Timeout", Instant.now(), true, 1,
                    Instant.now().plusSeconds(60));
        }
    }

    /** Each thread's position in the plugin list; threads start evenly spread over it. */
    @State(Scope.Thread)
    public static class Cursor {

        int next;

        @Setup(Level.Trial)
        public void setUp(Manager m, ThreadParams thread) {
            next = thread.getThreadIndex() * m.plugins / thread.getThreadCount();
        }

        String nextId(Manager m) {
            String id = m.ids[next];
            next = next + 1 == m.ids.length ? 0 : next + 1;
            return id;
        }
    }

    @Benchmark
    @Threads(1)
    public StateInfo stateInfo(Manager m, Cursor c) {
        return m.manager.stateInfo(c.nextId(m));
    }

    @Benchmark
    @Threads(2)
    public StateInfo stateInfo_2threads(Manager m, Cursor c) {
        return m.manager.stateInfo(c.nextId(m));
    }

    /** Two transitions per op: ENABLED→RUNNING then RUNNING→ENABLED, as one scheduled update makes. */
    @Benchmark
    @Threads(1)
    public void setStatePair(Manager m, Cursor c) {
        statePair(m, c);
    }

    @Benchmark
    @Threads(2)
    public void setStatePair_2threads(Manager m, Cursor c) {
        statePair(m, c);
    }

    @Benchmark
    @Threads(1)
    public void setStateWithError(Manager m, Cursor c) {
        m.manager.setStateWithError(c.nextId(m), PluginState.ENABLED, m.timeout);
    }

    @Benchmark
    @Threads(2)
    public void setStateWithError_2threads(Manager m, Cursor c) {
        m.manager.setStateWithError(c.nextId(m), PluginState.ENABLED, m.timeout);
    }

    private static void statePair(Manager m, Cursor c) {
        String id = c.nextId(m);
        m.manager.setState(id, PluginState.RUNNING);
        m.manager.setState(id, PluginState.ENABLED);
    }
}
