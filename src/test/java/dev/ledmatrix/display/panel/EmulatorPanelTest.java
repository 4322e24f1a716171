package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.graphics.Frame;

class EmulatorPanelTest {

    @Test
    void geometryIsColsTimesChainByRowsTimesParallel() {
        EmulatorPanel panel = new EmulatorPanel(TestPanels.properties("rows=16", "cols=32", "chain-length=3",
                "parallel=2"));
        assertThat(panel.backend()).isEqualTo("emulator");
        assertThat(panel.width()).isEqualTo(96);
        assertThat(panel.height()).isEqualTo(32);
    }

    @Test
    void pixelMappersChangeTheGeometryAsOnTheRealPanel() {
        assertThat(size("pixel-mapper-config=Rotate:270")).containsExactly(32, 128);
        assertThat(size("pixel-mapper-config=Rotate:180;Mirror:V")).containsExactly(128, 32);
        assertThat(size("chain-length=4", "pixel-mapper-config=U-mapper")).containsExactly(128, 64);
        assertThat(size("parallel=2", "pixel-mapper-config=StackToRow")).containsExactly(256, 32);
        assertThat(size("chain-length=4", "pixel-mapper-config=V-mapper")).containsExactly(64, 128);
        assertThat(size("pixel-mapper-config=Remap:64,64|0,0n|0,32n")).containsExactly(64, 64);
    }

    private static int[] size(String... options) {
        EmulatorPanel panel = new EmulatorPanel(TestPanels.properties(options));
        return new int[] {panel.width(), panel.height()};
    }

    @Test
    void invalidOptionsAreRejectedLikeOnTheNativePanel() {
        assertThatThrownBy(() -> new EmulatorPanel(TestPanels.properties("rows=33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledmatrix.panel.rows=33");
    }

    @Test
    void keepsTheLastFrameAndCountsPushes() {
        EmulatorPanel panel = new EmulatorPanel(4, 2);
        assertThat(panel.lastFrame()).isEmpty();
        Frame first = Frame.of(4, 2, new byte[24]);
        byte[] red = new byte[24];
        red[0] = (byte) 255;
        Frame second = Frame.of(4, 2, red);

        panel.push(first);
        panel.push(second);

        assertThat(panel.lastFrame()).contains(second);
        assertThat(panel.pushCount()).isEqualTo(2);
    }

    @Test
    void rejectsFramesOfAnotherSize() {
        EmulatorPanel panel = new EmulatorPanel(4, 2);
        assertThatThrownBy(() -> panel.push(Frame.black(2, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2×4").hasMessageContaining("4×2");
        assertThat(panel.pushCount()).isZero();
    }

    @Test
    void brightnessIsOneToHundred() {
        EmulatorPanel panel = new EmulatorPanel(TestPanels.properties("brightness=30"));
        assertThat(panel.brightness()).isEqualTo(30);
        panel.setBrightness(100);
        assertThat(panel.brightness()).isEqualTo(100);
        assertThatThrownBy(() -> panel.setBrightness(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> panel.setBrightness(101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(panel.brightness()).isEqualTo(100);
    }

    @Test
    void closeIsIdempotentAndPushAfterCloseFails() {
        EmulatorPanel panel = new EmulatorPanel(4, 2);
        panel.close();
        panel.close();
        assertThatThrownBy(() -> panel.push(Frame.black(4, 2))).isInstanceOf(IllegalStateException.class);
        assertThat(panel.pushCount()).isZero();
    }
}
