package dev.ledmatrix.graphics;

import static dev.ledmatrix.graphics.TinyFont.upToLine;
import static dev.ledmatrix.graphics.TinyFont.withLine;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed BDF, each an edit of {@link TinyFont#BDF}, and the message it must produce: the
 * font, the line, and what is wrong there.
 */
class BdfParserTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("empty file", "", "line 0: the file is empty"),
                arguments("no STARTFONT", withLine(1, "FONT x"),
                        "line 1: a BDF file must start with STARTFONT, got 'FONT'"),
                arguments("unknown version", withLine(1, "STARTFONT 3.0"),
                        "line 1: unsupported BDF version '3.0', expected one of 2.1, 2.2, 2.3"),
                arguments("short SIZE", withLine(4, "SIZE 6 75"),
                        "line 4: SIZE needs <point size> <x resolution> <y resolution>, got 'SIZE 6 75'"),
                arguments("short FONTBOUNDINGBOX", withLine(5, "FONTBOUNDINGBOX 4 6 0"),
                        "line 5: FONTBOUNDINGBOX must be 'FONTBOUNDINGBOX <width> <height> <x offset> <y offset>',"
                                + " got 'FONTBOUNDINGBOX 4 6 0'"),
                arguments("missing FONTBOUNDINGBOX", withLine(5, null),
                        "line 10: FONTBOUNDINGBOX is missing: it must come before CHARS"),
                arguments("missing FONT", withLine(3, null), "line 10: FONT is missing: it must come before CHARS"),
                arguments("unknown header keyword", withLine(4, "SIZE 6 75 75\nFOO bar"),
                        "line 5: unexpected 'FOO' in the font header"),
                arguments("repeated header keyword", withLine(4, "SIZE 6 75 75\nSIZE 6 75 75"),
                        "line 5: SIZE appears twice in the font header"),
                arguments("vertical-only metrics", withLine(5, "FONTBOUNDINGBOX 4 6 0 -2\nMETRICSSET 1"),
                        "line 6: METRICSSET 1 (vertical writing only) is not supported"),
                arguments("property count", withLine(6, "STARTPROPERTIES 4"),
                        "line 10: STARTPROPERTIES declares 4 properties but 3 follow"),
                arguments("property not a number", withLine(7, "FONT_ASCENT four"),
                        "line 7: FONT_ASCENT must be an integer, got 'four'"),
                arguments("repeated property", withLine(8, "FONT_ASCENT 4"),
                        "line 8: property FONT_ASCENT appears twice"),
                arguments("DEFAULT_CHAR without glyph", withLine(9, "DEFAULT_CHAR 7"),
                        "line 9: DEFAULT_CHAR 7 names no glyph in the font"),
                arguments("CHARS too high", withLine(11, "CHARS 5"),
                        "line 49: CHARS declares 5 glyphs but the file has 4"),
                arguments("CHARS too low", withLine(11, "CHARS 3"),
                        "line 41: more glyphs than the 3 that CHARS declares"),
                arguments("CHARS negative", withLine(11, "CHARS -1"), "line 11: CHARS count must be >= 0, got -1"),
                arguments("junk between glyphs", withLine(12, "ENDCHAR"),
                        "line 12: expected STARTCHAR or ENDFONT, got 'ENDCHAR'"),
                arguments("nameless glyph", withLine(22, "STARTCHAR"), "line 22: STARTCHAR needs a glyph name"),
                arguments("missing ENCODING", withLine(23, null),
                        "line 26: glyph 'A' has no ENCODING before BITMAP"),
                arguments("duplicate ENCODING", withLine(23, "ENCODING 0"),
                        "line 23: ENCODING 0 of glyph 'A' is already used by an earlier glyph"),
                arguments("ENCODING beyond Unicode", withLine(23, "ENCODING 1114112"),
                        "line 23: ENCODING of glyph 'A' must be -1 or a Unicode code point, got 1114112"),
                arguments("missing DWIDTH", withLine(25, null),
                        "line 26: glyph 'A' has no DWIDTH (and the font declares none)"),
                arguments("BBX not a number", withLine(26, "BBX 2 x 1 1"),
                        "line 26: BBX of glyph 'A' must be an integer, got 'x'"),
                arguments("negative BBX", withLine(26, "BBX -2 2 1 1"),
                        "line 26: BBX width and height of glyph 'A' must be >= 0, got 'BBX -2 2 1 1'"),
                arguments("missing BBX", withLine(26, null), "line 26: glyph 'A' has no BBX before BITMAP"),
                arguments("repeated glyph keyword", withLine(25, "DWIDTH 4 0\nBBX 2 2 1 1"),
                        "line 27: BBX appears twice in glyph 'A'"),
                arguments("unknown glyph keyword", withLine(24, "SWIDTH 666 0\nFOO 1"),
                        "line 25: unexpected 'FOO' in glyph 'A'"),
                arguments("missing BITMAP", withLine(27, null), "line 27: unexpected '80' in glyph 'A'"),
                arguments("short bitmap row", withLine(28, "8"),
                        "line 28: bitmap row '8' of glyph 'A' must be exactly 2 hex digits (BBX width 2)"),
                arguments("long bitmap row", withLine(28, "8000"),
                        "line 28: bitmap row '8000' of glyph 'A' must be exactly 2 hex digits (BBX width 2)"),
                arguments("non-hex bitmap row", withLine(28, "8G"),
                        "line 28: bitmap row '8G' of glyph 'A' must be exactly 2 hex digits (BBX width 2)"),
                arguments("too few bitmap rows", withLine(29, null),
                        "line 29: glyph 'A' has 1 bitmap rows but its BBX height is 2"),
                arguments("too many bitmap rows", withLine(29, "40\n40"),
                        "line 30: glyph 'A' has more bitmap rows than its BBX height 2"),
                arguments("missing ENDCHAR", withLine(30, null),
                        "line 30: glyph 'A' is missing ENDCHAR after its bitmap, got 'STARTCHAR'"),
                arguments("ENDCHAR without BITMAP", withLine(26, "BBX 2 2 1 1\nENDCHAR"),
                        "line 27: glyph 'A' ends without a BITMAP"),
                arguments("file ends inside a bitmap", upToLine(28),
                        "line 28: file ends inside the BITMAP of glyph 'A'"),
                arguments("missing ENDFONT", withLine(49, null),
                        "line 48: file ends early: expected STARTCHAR or ENDFONT"),
                arguments("content after ENDFONT", withLine(49, "ENDFONT\n\nextra"),
                        "line 51: unexpected content after ENDFONT: 'extra'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFilesAreRejectedNamingTheLineAndTheProblem(String kind, String bdf, String message) {
        assertThatThrownBy(() -> TinyFont.parse(bdf, "bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("font 'bad' " + message);
    }

    @ParameterizedTest(name = "ascent {0}, descent {1}")
    @MethodSource("impossibleMetrics")
    void impossibleMetricsAreRejected(int ascent, int descent) {
        String bdf = withLine(7, "FONT_ASCENT " + ascent).replace("FONT_DESCENT 2", "FONT_DESCENT " + descent);

        assertThatThrownBy(() -> TinyFont.parse(bdf, "bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("font 'bad': ascent " + ascent + " and descent " + descent
                        + " must be >= 0 and give a height of at least 1");
    }

    static Stream<Arguments> impossibleMetrics() {
        return Stream.of(arguments(-5, 2), arguments(4, -1), arguments(0, 0));
    }
}
