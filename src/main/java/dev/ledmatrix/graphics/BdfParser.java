package dev.ledmatrix.graphics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader for BDF 2.x (Adobe's Glyph Bitmap Distribution Format). Strict because fonts are shipped
 * and authored by hand: a silently misread font shows up as garbled text on a panel nobody is looking at,
 * while a precise error at load time is fixed in a minute. One parser per stream; not thread-safe.
 */
final class BdfParser {

    private static final Set<String> VERSIONS = Set.of("2.1", "2.2", "2.3");

    private final BdfLines lines;

    private boolean hasFont;
    private boolean hasSize;
    private int[] boundingBox;
    private int[] fontAdvance;
    private Integer ascent;
    private Integer descent;
    private Integer defaultChar;
    private int defaultCharLine;
    private final Map<Integer, Glyph> glyphs = new HashMap<>();

    BdfParser(InputStream in, String fontName) {
        this.lines = new BdfLines(in, fontName);
    }

    BitmapFont parse() {
        try {
            String[] start = lines.next("STARTFONT");
            if (!start[0].equals("STARTFONT")) {
                throw lines.error("a BDF file must start with STARTFONT, got '" + start[0] + "'");
            }
            lines.arity(start, 1, "STARTFONT <version>");
            if (!VERSIONS.contains(start[1])) {
                throw lines.error("unsupported BDF version '" + start[1] + "', expected one of 2.1, 2.2, 2.3");
            }
            int declared = header();
            int read = 0;
            while (true) {
                String[] tokens = lines.next("STARTCHAR or ENDFONT");
                if (tokens[0].equals("ENDFONT")) {
                    lines.arity(tokens, 0, "ENDFONT");
                    if (read != declared) {
                        throw lines.error("CHARS declares " + declared + " glyphs but the file has " + read);
                    }
                    break;
                }
                if (!tokens[0].equals("STARTCHAR")) {
                    throw lines.error("expected STARTCHAR or ENDFONT, got '" + tokens[0] + "'");
                }
                if (read == declared) {
                    throw lines.error("more glyphs than the " + declared + " that CHARS declares");
                }
                if (tokens.length < 2) {
                    throw lines.error("STARTCHAR needs a glyph name");
                }
                glyph(String.join(" ", Arrays.copyOfRange(tokens, 1, tokens.length)));
                read++;
            }
            String rest;
            while ((rest = lines.readLine()) != null) {
                if (!rest.isBlank()) {
                    throw lines.error("unexpected content after ENDFONT: '" + rest.strip() + "'");
                }
            }
            return build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font '" + lines.fontName() + "'", e);
        }
    }

    /** Reads the global part up to and including CHARS; returns the declared glyph count. */
    private int header() throws IOException {
        Set<String> seen = new HashSet<>();
        while (true) {
            String[] tokens = lines.next("CHARS");
            String keyword = tokens[0];
            if (!seen.add(keyword)) {
                throw lines.error(keyword + " appears twice in the font header");
            }
            switch (keyword) {
                case "FONT" -> {
                    if (tokens.length < 2) {
                        throw lines.error("FONT needs a name");
                    }
                    hasFont = true;
                }
                case "SIZE" -> {
                    if (tokens.length != 4 && tokens.length != 5) {
                        throw lines.error("SIZE needs <point size> <x resolution> <y resolution>, got '"
                                + BdfLines.join(tokens) + "'");
                    }
                    for (int i = 1; i < tokens.length; i++) {
                        lines.integer(tokens[i], "SIZE value");
                    }
                    hasSize = true;
                }
                case "FONTBOUNDINGBOX" -> {
                    lines.arity(tokens, 4, "FONTBOUNDINGBOX <width> <height> <x offset> <y offset>");
                    boundingBox = lines.integers(tokens, "FONTBOUNDINGBOX");
                    if (boundingBox[0] < 0 || boundingBox[1] < 0) {
                        throw lines.error("FONTBOUNDINGBOX width and height must be >= 0, got '"
                                + BdfLines.join(tokens) + "'");
                    }
                }
                case "METRICSSET" -> {
                    lines.arity(tokens, 1, "METRICSSET <0|1|2>");
                    int set = lines.integer(tokens[1], "METRICSSET");
                    if (set == 1) {
                        throw lines.error("METRICSSET 1 (vertical writing only) is not supported");
                    } else if (set != 0 && set != 2) {
                        throw lines.error("METRICSSET must be 0, 1 or 2, got " + set);
                    }
                }
                case "DWIDTH" -> {
                    lines.arity(tokens, 2, "DWIDTH <x> <y>");
                    fontAdvance = lines.integers(tokens, "DWIDTH");
                }
                case "SWIDTH", "SWIDTH1", "DWIDTH1", "VVECTOR" -> {
                    lines.arity(tokens, 2, keyword + " <x> <y>");
                    lines.integers(tokens, keyword);
                }
                case "CONTENTVERSION" -> {
                    lines.arity(tokens, 1, "CONTENTVERSION <integer>");
                    lines.integer(tokens[1], "CONTENTVERSION");
                }
                case "STARTPROPERTIES" -> properties(tokens);
                case "CHARS" -> {
                    lines.arity(tokens, 1, "CHARS <count>");
                    int count = lines.integer(tokens[1], "CHARS count");
                    if (count < 0) {
                        throw lines.error("CHARS count must be >= 0, got " + count);
                    }
                    requireHeader();
                    return count;
                }
                default -> throw lines.error("unexpected '" + keyword + "' in the font header (allowed: FONT, SIZE, "
                        + "FONTBOUNDINGBOX, METRICSSET, SWIDTH, DWIDTH, SWIDTH1, DWIDTH1, VVECTOR, CONTENTVERSION, "
                        + "STARTPROPERTIES, COMMENT, then CHARS)");
            }
        }
    }

    private void requireHeader() {
        if (!hasFont) {
            throw lines.error("FONT is missing: it must come before CHARS");
        }
        if (!hasSize) {
            throw lines.error("SIZE is missing: it must come before CHARS");
        }
        if (boundingBox == null) {
            throw lines.error("FONTBOUNDINGBOX is missing: it must come before CHARS");
        }
    }

    private void properties(String[] start) throws IOException {
        lines.arity(start, 1, "STARTPROPERTIES <count>");
        int declared = lines.integer(start[1], "STARTPROPERTIES count");
        int read = 0;
        Set<String> names = new HashSet<>();
        while (true) {
            String[] tokens = lines.next("ENDPROPERTIES");
            if (tokens[0].equals("ENDPROPERTIES")) {
                if (read != declared) {
                    throw lines.error("STARTPROPERTIES declares " + declared + " properties but " + read + " follow");
                }
                return;
            }
            read++;
            if (!names.add(tokens[0])) {
                throw lines.error("property " + tokens[0] + " appears twice");
            }
            if (tokens.length < 2) {
                throw lines.error("property " + tokens[0] + " has no value");
            }
            switch (tokens[0]) {
                case "FONT_ASCENT" -> ascent = lines.integer(tokens[1], "FONT_ASCENT");
                case "FONT_DESCENT" -> descent = lines.integer(tokens[1], "FONT_DESCENT");
                case "DEFAULT_CHAR" -> {
                    defaultChar = lines.integer(tokens[1], "DEFAULT_CHAR");
                    defaultCharLine = lines.lineNumber();
                }
                default -> { } // informational (FOUNDRY, COPYRIGHT, …): not needed to draw
            }
        }
    }

    private void glyph(String name) throws IOException {
        String label = "glyph '" + name + "'";
        Set<String> seen = new HashSet<>();
        Integer encoding = null;
        int[] advance = null;
        int[] box = null;
        while (true) {
            String[] tokens = lines.next("ENDCHAR of " + label);
            String keyword = tokens[0];
            if (!seen.add(keyword)) {
                throw lines.error(keyword + " appears twice in " + label);
            }
            switch (keyword) {
                case "ENCODING" -> {
                    if (tokens.length != 2 && tokens.length != 3) {
                        throw lines.error("ENCODING needs <code point> [<alternative>], got '"
                                + BdfLines.join(tokens) + "'");
                    }
                    encoding = lines.integer(tokens[1], "ENCODING of " + label);
                    if (encoding < -1 || encoding > Character.MAX_CODE_POINT) {
                        throw lines.error("ENCODING of " + label + " must be -1 or a Unicode code point, got "
                                + encoding);
                    }
                    if (encoding >= 0 && glyphs.containsKey(encoding)) {
                        throw lines.error("ENCODING " + encoding + " of " + label
                                + " is already used by an earlier glyph");
                    }
                }
                case "DWIDTH" -> {
                    lines.arity(tokens, 2, "DWIDTH <x> <y>");
                    advance = lines.integers(tokens, "DWIDTH of " + label);
                }
                case "SWIDTH", "SWIDTH1", "DWIDTH1", "VVECTOR" -> {
                    lines.arity(tokens, 2, keyword + " <x> <y>");
                    lines.integers(tokens, keyword + " of " + label);
                }
                case "BBX" -> {
                    lines.arity(tokens, 4, "BBX <width> <height> <x offset> <y offset>");
                    box = lines.integers(tokens, "BBX of " + label);
                    if (box[0] < 0 || box[1] < 0) {
                        throw lines.error("BBX width and height of " + label + " must be >= 0, got '"
                                + BdfLines.join(tokens) + "'");
                    }
                }
                case "BITMAP" -> {
                    lines.arity(tokens, 0, "BITMAP");
                    if (encoding == null) {
                        throw lines.error(label + " has no ENCODING before BITMAP");
                    }
                    if (box == null) {
                        throw lines.error(label + " has no BBX before BITMAP");
                    }
                    if (advance == null) {
                        advance = fontAdvance;
                        if (advance == null) {
                            throw lines.error(label + " has no DWIDTH (and the font declares none)");
                        }
                    }
                    byte[][] rows = bitmap(label, box[0], box[1]);
                    String[] end = lines.next("ENDCHAR of " + label);
                    if (!end[0].equals("ENDCHAR")) {
                        throw lines.error(end[0].chars().allMatch(HexFormat::isHexDigit)
                                ? label + " has more bitmap rows than its BBX height " + box[1]
                                : label + " is missing ENDCHAR after its bitmap, got '" + end[0] + "'");
                    }
                    lines.arity(end, 0, "ENDCHAR");
                    if (encoding >= 0) { // -1 marks a glyph without a code point: legal, but unreachable
                        glyphs.put(encoding, Glyph.fromBitmap(advance[0], box[0], box[1], box[2], box[3], rows));
                    }
                    return;
                }
                case "ENDCHAR" -> throw lines.error(label + " ends without a BITMAP");
                case "STARTCHAR", "ENDFONT" -> throw lines.error(label + " is missing ENDCHAR before " + keyword);
                default -> throw lines.error("unexpected '" + keyword + "' in " + label
                        + " (allowed: ENCODING, SWIDTH, DWIDTH, SWIDTH1, DWIDTH1, VVECTOR, BBX, BITMAP, COMMENT)");
            }
        }
    }

    private byte[][] bitmap(String label, int width, int height) throws IOException {
        int bytes = (width + 7) / 8;
        byte[][] rows = new byte[height][];
        for (int r = 0; r < height; r++) {
            String line = lines.readLine();
            if (line == null) {
                throw lines.error("file ends inside the BITMAP of " + label);
            }
            String row = line.strip();
            if (row.equals("ENDCHAR")) {
                throw lines.error(label + " has " + r + " bitmap rows but its BBX height is " + height);
            }
            if (row.length() != bytes * 2 || !row.chars().allMatch(HexFormat::isHexDigit)) {
                throw lines.error("bitmap row '" + row + "' of " + label + " must be exactly " + bytes * 2
                        + " hex digits (BBX width " + width + ")");
            }
            rows[r] = HexFormat.of().parseHex(row);
        }
        return rows;
    }

    private BitmapFont build() {
        int fontAscent = ascent != null ? ascent : boundingBox[1] + boundingBox[3];
        int fontDescent = descent != null ? descent : -boundingBox[3];
        if (fontAscent < 0 || fontDescent < 0 || fontAscent + fontDescent < 1) {
            throw new IllegalArgumentException("font '" + lines.fontName() + "': ascent " + fontAscent + " and descent "
                    + fontDescent + " must be >= 0 and give a height of at least 1");
        }
        Glyph fallback;
        if (defaultChar != null) {
            fallback = glyphs.get(defaultChar);
            if (fallback == null) {
                throw lines.error(defaultCharLine, "DEFAULT_CHAR " + defaultChar + " names no glyph in the font");
            }
        } else {
            fallback = glyphs.getOrDefault((int) '?', Glyph.blank(boundingBox[0]));
        }
        return new BitmapFont(lines.fontName(), fontAscent, fontDescent, glyphs, fallback);
    }
}
