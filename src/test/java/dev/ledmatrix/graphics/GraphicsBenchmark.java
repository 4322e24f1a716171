package dev.ledmatrix.graphics;

import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the render loop and the live view pay per frame on a 64×32 panel: drawing text, taking the
 * snapshot, encoding PNGs, converting plugin images. Not a test; run as documented in docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GraphicsBenchmark {

    private static final Color AMBER = Color.rgb(0xFFB000);

    private Canvas canvas;
    private Frame clockFrame;
    private BufferedImage picture;

    @Setup
    public void setUp() {
        canvas = new Canvas(64, 32);
        canvas.drawText(Font.MEDIUM, 8, 12, AMBER, "12:34");
        canvas.drawText(Font.SMALL, 8, 27, Color.WHITE, "21.5 °C");
        clockFrame = canvas.snapshot();
        picture = new BufferedImage(64, 32, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                picture.setRGB(x, y, 0x80000000 | (x * 4) << 16 | (y * 8) << 8 | (x ^ y));
            }
        }
    }

    /** A clock face: clear, a time in MEDIUM, a temperature in SMALL. */
    @Benchmark
    public Canvas clockFace() {
        canvas.clear();
        canvas.drawText(Font.MEDIUM, 8, 12, AMBER, "12:34");
        canvas.drawText(Font.SMALL, 8, 27, Color.WHITE, "21.5 °C");
        return canvas;
    }

    /** The densest text a 64×32 panel holds: 4 lines of 10 SMALL characters. */
    @Benchmark
    public Canvas fullScreenOfText() {
        canvas.clear();
        for (int line = 0; line < 4; line++) {
            canvas.drawText(Font.SMALL, 2, 7 + line * 8, Color.WHITE, "Score 10:7");
        }
        return canvas;
    }

    @Benchmark
    public Frame snapshot() {
        return canvas.snapshot();
    }

    @Benchmark
    public byte[] pngScale1() {
        return clockFrame.toPng(1);
    }

    /** The live view's usual size: 512×256. */
    @Benchmark
    public byte[] pngScale8() {
        return clockFrame.toPng(8);
    }

    @Benchmark
    public Frame fromTranslucentImage() {
        return Frame.fromImage(picture);
    }
}
