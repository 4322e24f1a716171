package dev.ledmatrix.web;

import java.util.stream.Collectors;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Explains an unreadable JSON body in terms of the field that broke it, never Jackson's internals. */
final class JsonErrors {

    private JsonErrors() {
    }

    static ProblemDetail describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException jackson) {
            String field = path(jackson);
            String message = switch (jackson) {
                case UnrecognizedPropertyException u -> "is not a known field";
                case InvalidFormatException f -> outOfRange(f) != null ? outOfRange(f)
                        : "has the wrong format or type (" + f.getValue() + " is not " + describeType(f.getTargetType()) + ")";
                case StreamConstraintsException c -> "is too large or too deeply nested to read ("
                        + firstLine(c.getOriginalMessage()).replaceAll(", from `[^`]*`", "") + ")";
                case MismatchedInputException m -> m.getTargetType() == null
                        ? "is missing or of the wrong type"
                        : "must be " + describeType(m.getTargetType());
                case StreamReadException r -> "is not valid JSON (" + firstLine(r.getOriginalMessage()) + ")";
                default -> firstLine(jackson.getOriginalMessage());
            };
            return ApiProblem.invalid(field.isEmpty() ? "body" : field, message);
        }
        return ApiProblem.invalid("body", "is missing or not readable as JSON");
    }

    /**
     * A number of the right type the deserializer refused (such as a negative duration), with the deserializer's
     * own "must be ..." reason, which says what is allowed; null for any other format error.
     */
    private static String outOfRange(InvalidFormatException f) {
        String message = f.getOriginalMessage();
        int reason = message == null ? -1 : message.indexOf(": must ");
        if (!(f.getValue() instanceof Number) || reason < 0) {
            return null;
        }
        return firstLine(message.substring(reason + 2)) + ", got " + f.getValue();
    }

    /** The JSON path of the failure, such as {@code config.color} or {@code items[2]}. */
    static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    /** What a value of {@code type} looks like, in words a user knows ("a whole number", "true or false"). */
    static String describeType(Class<?> type) {
        if (type == null) {
            return "a value of the expected type";
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "double", "Double", "Duration" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            case "Instant" -> "an ISO-8601 time such as 2026-12-01T22:00:00Z";
            case "List" -> "a JSON array";
            default -> type.isEnum() || type.isRecord() || java.util.Map.class.isAssignableFrom(type)
                    ? "an object" : "a " + type.getSimpleName();
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
