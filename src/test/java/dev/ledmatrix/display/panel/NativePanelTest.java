package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Frame;

/** The native panel driving the fake librgbmatrix: pixels, double buffering, brightness, lifecycle. */
class NativePanelTest {

    private final List<NativePanel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(NativePanel::close);
        FakeRgbMatrix.unsetEnv("FAKE_RGBMATRIX_NO_REFRESH");
    }

    private NativePanel open(String... keyValues) {
        NativePanel panel = TestPanels.openFake(keyValues);
        opened.add(panel);
        return panel;
    }

    /** Every pixel distinct in every channel, so a shifted row, swapped channel or short copy shows. */
    static Frame pattern(int width, int height, int seed) {
        Canvas canvas = new Canvas(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                canvas.setPixel(x, y, new Color((x * 7 + seed) & 0xFF, (y * 13 + seed * 3) & 0xFF, (x + y + seed) & 0xFF));
            }
        }
        return canvas.snapshot();
    }

    @Test
    void geometryComesFromTheLibraryCanvas() {
        NativePanel panel = open();
        assertThat(panel.backend()).isEqualTo("native");
        assertThat(panel.width()).isEqualTo(128);
        assertThat(panel.height()).isEqualTo(32);

        NativePanel rotated = open("rows=64", "cols=64", "chain-length=2", "pixel-mapper-config=Rotate:90");
        assertThat(rotated.width()).isEqualTo(64);
        assertThat(rotated.height()).isEqualTo(128);
    }

    @Test
    void aPushedFrameIsWhatTheDisplayedCanvasHoldsByteForByte() {
        NativePanel panel = open("rows=64", "cols=64", "chain-length=2");
        Frame frame = pattern(128, 64, 1);

        panel.push(frame);

        assertThat(FakeRgbMatrix.displayedRgb(panel.matrixHandle(), frame.byteSize())).isEqualTo(frame.toRgbBytes());
        assertThat(FakeRgbMatrix.swapCount(panel.matrixHandle())).isEqualTo(1);
    }

    @Test
    void swapsAlternateBetweenTwoCanvasesAndNeverDrawIntoTheDisplayedOne() {
        NativePanel panel = open();
        long first = panel.offscreenAddress();
        List<Long> drawnInto = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            drawnInto.add(panel.offscreenAddress());
            Frame frame = pattern(128, 32, i);
            panel.push(frame);
            // what was drawn is now on display, and the next frame goes to the canvas that was shown before
            assertThat(FakeRgbMatrix.activeCanvas(panel.matrixHandle()).address()).isEqualTo(drawnInto.get(i));
            assertThat(FakeRgbMatrix.displayedRgb(panel.matrixHandle(), frame.byteSize())).isEqualTo(frame.toRgbBytes());
            assertThat(panel.offscreenAddress()).isNotEqualTo(drawnInto.get(i));
        }
        assertThat(new HashSet<>(drawnInto)).hasSize(2);
        assertThat(drawnInto.get(2)).isEqualTo(first);
        assertThat(FakeRgbMatrix.swapCount(panel.matrixHandle())).isEqualTo(6);
        assertThat(FakeRgbMatrix.writesToDisplayed(panel.matrixHandle())).isZero();
        assertThat(FakeRgbMatrix.canvasCount(panel.matrixHandle())).as("created once, not per frame").isEqualTo(2);
    }

    @Test
    void aFrameOfAnotherSizeIsRejectedWithoutANativeCall() {
        NativePanel panel = open();
        long calls = FakeRgbMatrix.apiCalls();

        assertThatThrownBy(() -> panel.push(Frame.black(64, 32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64×32").hasMessageContaining("128×32");
        assertThat(FakeRgbMatrix.apiCalls()).isEqualTo(calls);
    }

    @Test
    void brightnessIsAppliedByRedrawingTheLastFrame() {
        NativePanel panel = open("brightness=80");
        assertThat(panel.brightness()).isEqualTo(80);
        Frame white = Frame.of(128, 32, filled(128 * 32 * 3, (byte) 200));
        panel.setBrightness(100);
        panel.push(white);
        assertThat(FakeRgbMatrix.displayedRgb(panel.matrixHandle(), white.byteSize())).containsOnly((byte) 200);

        panel.setBrightness(50);

        // the fake scales pixels as they are set, like the library: only a redraw shows the new brightness
        assertThat(panel.brightness()).isEqualTo(50);
        assertThat(FakeRgbMatrix.displayedRgb(panel.matrixHandle(), white.byteSize())).containsOnly((byte) 100);
        assertThat(FakeRgbMatrix.writesToDisplayed(panel.matrixHandle())).isZero();
    }

    @Test
    void brightnessOutsideOneToHundredIsRejected() {
        NativePanel panel = open();
        assertThatThrownBy(() -> panel.setBrightness(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 100").hasMessageContaining("0");
        assertThatThrownBy(() -> panel.setBrightness(101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(panel.brightness()).isEqualTo(100);
    }

    @Test
    void closeDeletesTheMatrixOnceAndLaterUseFailsInJava() {
        int live = FakeRgbMatrix.liveMatrices();
        NativePanel panel = TestPanels.openFake();
        assertThat(FakeRgbMatrix.liveMatrices()).isEqualTo(live + 1);

        panel.close();
        long calls = FakeRgbMatrix.apiCalls();
        panel.close();

        assertThat(FakeRgbMatrix.liveMatrices()).isEqualTo(live);
        assertThat(FakeRgbMatrix.apiCalls()).as("second close calls nothing").isEqualTo(calls);
        assertThatThrownBy(() -> panel.push(Frame.black(128, 32)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> panel.setBrightness(50)).isInstanceOf(IllegalStateException.class);
        assertThat(FakeRgbMatrix.apiCalls()).isEqualTo(calls);
    }

    @Test
    void aNullSwapResultIsAnErrorNotAStoredCanvas() {
        FakeRgbMatrix.setEnv("FAKE_RGBMATRIX_NO_REFRESH");
        NativePanel panel = open();
        long offscreen = panel.offscreenAddress();

        assertThatThrownBy(() -> panel.push(Frame.black(128, 32)))
                .isInstanceOf(NativePanelException.class).hasMessageContaining("swap_on_vsync returned NULL");

        assertThat(panel.offscreenAddress()).isEqualTo(offscreen).isNotZero();
        long calls = FakeRgbMatrix.apiCalls();
        assertThatThrownBy(() -> panel.push(Frame.black(128, 32)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
        assertThat(FakeRgbMatrix.apiCalls()).isEqualTo(calls);
    }

    private static byte[] filled(int n, byte value) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
