package dev.ledmatrix.display.panel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.ledmatrix.graphics.Frame;

/**
 * One 128×64 frame pushed through {@link NativePanel} into the fake librgbmatrix: copy into the native
 * buffer, one set_image, one swap_on_vsync. {@code copyOnly} is the Java half alone. The fake's swap does
 * not wait for a vsync and its set_image is a plain C loop, so this measures the binding, not a panel.
 *
 * <p>Run (see docs/benchmarks.md): {@code ./mvnw -q test-compile exec:exec@native-panel-benchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NativePanelBenchmark {

    private NativePanel panel;
    private Frame[] frames;
    private int next;
    private Arena arena;
    private MemorySegment buffer;

    @Setup(Level.Trial)
    public void open() {
        panel = TestPanels.openFake("rows=64", "cols=64", "chain-length=2");
        // two different frames, so nothing upstream could skip a push as unchanged
        frames = new Frame[] {NativePanelTest.pattern(128, 64, 1), NativePanelTest.pattern(128, 64, 2)};
        arena = Arena.ofConfined();
        buffer = arena.allocate(frames[0].byteSize());
    }

    @TearDown(Level.Trial)
    public void close() {
        panel.close();
        arena.close();
    }

    @Benchmark
    public void pushFrame() {
        panel.push(frames[next++ & 1]);
    }

    @Benchmark
    public void copyOnly() {
        frames[next++ & 1].copyTo(buffer);
    }
}
