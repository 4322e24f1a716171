package dev.ledmatrix.graphics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames as PNG for the live view, and from images for plugins that draw pictures. */
class FrameTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Every pixel different, so a swapped channel, row or column cannot go unnoticed. */
    private static Frame noise(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        new Random(42).nextBytes(rgb);
        return Frame.of(width, height, rgb);
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(ints = {1, 4})
    void pngDecodesToTheFrameWithEachLedAsAScaleSizedBlock(int scale) throws IOException {
        Frame frame = noise(64, 32);

        byte[] png = frame.toPng(scale);

        assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(64 * scale);
        assertThat(image.getHeight()).isEqualTo(32 * scale);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertThat(image.getRGB(x, y) & 0xFFFFFF).as("image pixel %d,%d", x, y)
                        .isEqualTo(frame.pixel(x / scale, y / scale).packed());
            }
        }
    }

    @Test
    void pngOfACanvasSnapshotShowsWhatWasDrawn() throws IOException {
        Canvas canvas = new Canvas(8, 4);
        canvas.setPixel(7, 3, Color.rgb(0x123456));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(canvas.snapshot().toPng(2)));

        assertThat(image.getRGB(15, 7) & 0xFFFFFF).isEqualTo(0x123456);
        assertThat(image.getRGB(14, 6) & 0xFFFFFF).isEqualTo(0x123456);
        assertThat(image.getRGB(13, 7) & 0xFFFFFF).isZero();
    }

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(ints = {0, -1, 33})
    void pngScaleOutsideOneToThirtyTwoIsRejected(int scale) {
        assertThatThrownBy(() -> Frame.black(64, 32).toPng(scale))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale must be 1..32, got " + scale);
    }

    @Test
    void pngLargerThanTheSideLimitIsRejectedWithTheScaleThatWouldFit() {
        assertThatThrownBy(() -> Frame.black(256, 64).toPng(32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale 32 makes a 8192×2048 image; at most 4096 px a side, so at most scale 16 for"
                        + " this 256×64 frame");
        assertThat(Frame.black(256, 64).toPng(16)).startsWith(PNG_SIGNATURE);
    }

    @Test
    void fromImageReadsEveryPixelOfAnOpaqueImage() {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(4, 2, 0x00FF7F);
        image.setRGB(2, 1, 0x010203);

        Frame frame = Frame.fromImage(image);

        assertThat(frame.width()).isEqualTo(5);
        assertThat(frame.height()).isEqualTo(3);
        assertThat(frame.pixel(0, 0)).isEqualTo(Color.RED);
        assertThat(frame.pixel(4, 2)).isEqualTo(Color.rgb(0x00FF7F));
        assertThat(frame.pixel(2, 1)).isEqualTo(new Color(1, 2, 3));
        assertThat(frame.pixel(1, 1)).isEqualTo(Color.BLACK);
    }

    @Test
    void fromImageBlendsTranslucentPixelsOntoBlack() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFFFF8000); // opaque
        image.setRGB(1, 0, 0x80FF8000); // half transparent
        image.setRGB(2, 0, 0x00FFFFFF); // fully transparent white

        Frame frame = Frame.fromImage(image);

        assertThat(frame.pixel(0, 0)).isEqualTo(new Color(255, 128, 0));
        assertThat(frame.pixel(1, 0)).isEqualTo(new Color(128, 64, 0));
        assertThat(frame.pixel(2, 0)).isEqualTo(Color.BLACK);
    }

    @Test
    void fromImageConvertsOtherColourModels() {
        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 255);

        Frame frame = Frame.fromImage(gray);

        assertThat(frame.pixel(1, 1)).isEqualTo(Color.WHITE);
        assertThat(frame.pixel(0, 0)).isEqualTo(Color.BLACK);
    }

    @Test
    void pngThenImageIoThenFromImageRoundTripsExactly() throws IOException {
        Frame frame = noise(64, 32);

        Frame back = Frame.fromImage(ImageIO.read(new ByteArrayInputStream(frame.toPng(1))));

        assertThat(back).isEqualTo(frame);
    }

    @Test
    void fromImageRejectsNull() {
        assertThatThrownBy(() -> Frame.fromImage(null)).isInstanceOf(NullPointerException.class).hasMessage("image");
    }

    @Test
    void malformedFramesAreRejected() {
        assertThatThrownBy(() -> Frame.of(2, 2, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("need 2×2×3 bytes, got 11");
        assertThatThrownBy(() -> Frame.black(0, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("frame must be at least 1×1, got 0×32");
    }

    @Test
    void pixelOutsideTheFrameIsAnErrorNotTheNeighbouringRow() {
        Frame frame = noise(4, 2);

        assertThatThrownBy(() -> frame.pixel(4, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("(4,0) is outside 4×2");
        assertThatThrownBy(() -> frame.pixel(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void framesCopyTheirBytesInAndOut() {
        byte[] rgb = new byte[3];
        Frame frame = Frame.of(1, 1, rgb);
        rgb[0] = 9;
        frame.toRgbBytes()[1] = 9;

        assertThat(frame.pixel(0, 0)).isEqualTo(Color.BLACK);
        assertThat(frame).isEqualTo(Frame.black(1, 1)).hasSameHashCodeAs(Frame.black(1, 1));
    }
}
