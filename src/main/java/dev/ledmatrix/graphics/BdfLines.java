package dev.ledmatrix.graphics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The lexical side of BDF: lines, keywords and integer arguments, with every error message carrying the
 * font's name and the line it is about, so {@link BdfParser} can stay about the format's structure.
 */
final class BdfLines {

    private final BufferedReader reader;
    private final String fontName;
    private int lineNumber;

    BdfLines(InputStream in, String fontName) {
        // BDF is ASCII; Latin-1 accepts any byte, so odd bytes in a COPYRIGHT string cannot fail decoding.
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        this.fontName = fontName;
    }

    String fontName() {
        return fontName;
    }

    int lineNumber() {
        return lineNumber;
    }

    /** The next meaningful line split into tokens; blank and COMMENT lines are skipped. */
    String[] next(String expected) throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                throw error(lineNumber == 0 ? "the file is empty" : "file ends early: expected " + expected);
            }
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            String[] tokens = stripped.split("\\s+");
            if (!tokens[0].equals("COMMENT")) {
                return tokens;
            }
        }
    }

    /** The next raw line, or null at the end of the file. */
    String readLine() throws IOException {
        String line = reader.readLine();
        if (line != null) {
            lineNumber++;
        }
        return line;
    }

    /** Fails unless the keyword in {@code tokens[0]} has exactly {@code arguments} arguments. */
    void arity(String[] tokens, int arguments, String form) {
        if (tokens.length != arguments + 1) {
            throw error(tokens[0] + " must be '" + form + "', got '" + join(tokens) + "'");
        }
    }

    /** All arguments after the keyword as integers. */
    int[] integers(String[] tokens, String what) {
        int[] values = new int[tokens.length - 1];
        for (int i = 1; i < tokens.length; i++) {
            values[i - 1] = integer(tokens[i], what);
        }
        return values;
    }

    int integer(String token, String what) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error(what + " must be an integer, got '" + token + "'");
        }
    }

    static String join(String[] tokens) {
        return String.join(" ", tokens);
    }

    /** An error about the current line. */
    IllegalArgumentException error(String message) {
        return error(lineNumber, message);
    }

    IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException("font '" + fontName + "' line " + line + ": " + message);
    }
}
