package dev.ledmatrix.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading command payloads: each mistake is a {@link BadPayload} (a 400) that says what was wrong. */
final class Payloads {

    /** Plugin ids as the REST API accepts them (InstanceSpec's pattern); anything else is a 400 there too. */
    static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Payloads() {
    }

    /** A payload that cannot be a valid command: answered with 400, nothing done. */
    static final class BadPayload extends RuntimeException {
        BadPayload(String message) {
            super(message, null, false, false);
        }
    }

    static void requireId(String field, String id) {
        if (!PLUGIN_ID.matcher(id).matches()) {
            throw new BadPayload(field + ": '" + abbreviate(id) + "' is not a plugin id (lower-case letters, digits "
                    + "and '-', at most 63)");
        }
    }

    static boolean onOff(String payload) {
        return switch (payload.strip().toUpperCase(Locale.ROOT)) {
            case "ON", "TRUE", "1" -> true;
            case "OFF", "FALSE", "0" -> false;
            default -> throw new BadPayload("payload: must be ON or OFF, got '" + abbreviate(payload) + "'");
        };
    }

    static JsonNode object(JsonMapper json, String payload) {
        try {
            JsonNode node = json.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new BadPayload("payload: must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadPayload("payload: malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new BadPayload("payload: must be UTF-8 text");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
