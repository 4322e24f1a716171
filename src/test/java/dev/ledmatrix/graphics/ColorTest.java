package dev.ledmatrix.graphics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ColorTest {

    @Test
    void parsesHexInEitherCase() {
        assertThat(Color.parse("#FfA0b1")).isEqualTo(new Color(255, 160, 177));
        assertThat(Color.parse("#000000")).isEqualTo(Color.BLACK);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fff", "#fff", "#fffff", "#fffffff", "ffffff", "#gggggg", " #ffffff", "#ff ff ff",
            "rgb(1,2,3)", "#ｆｆｆｆｆｆ"})
    void parseRejectsAnythingButHashAndSixHexDigitsQuotingIt(String input) {
        assertThatThrownBy(() -> Color.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("colour must look like #rrggbb, got '" + input + "'");
    }

    @Test
    void channelsOutsideAByteAreRejectedByName() {
        assertThatThrownBy(() -> new Color(256, 0, 0)).hasMessage("r must be 0..255, got 256");
        assertThatThrownBy(() -> new Color(0, -1, 0)).hasMessage("g must be 0..255, got -1");
        assertThatThrownBy(() -> new Color(0, 0, 1000)).hasMessage("b must be 0..255, got 1000");
    }

    @Test
    void packedHexAndParseAgree() {
        Color color = Color.rgb(0x12AB9F);

        assertThat(color).isEqualTo(new Color(0x12, 0xAB, 0x9F));
        assertThat(color.packed()).isEqualTo(0x12AB9F);
        assertThat(color.hex()).isEqualTo("#12ab9f");
        assertThat(Color.parse(color.hex())).isEqualTo(color);
        assertThat(Color.rgb(0xFF123456)).as("alpha byte ignored").isEqualTo(Color.rgb(0x123456));
    }
}
