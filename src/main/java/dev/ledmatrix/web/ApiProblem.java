package dev.ledmatrix.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem types this API answers with (RFC 9457), and how their bodies are built. */
enum ApiProblem {
    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
    PLUGIN_NOT_FOUND("plugin-not-found", HttpStatus.NOT_FOUND, "Plugin not found"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    STATE_CONFLICT("state-conflict", HttpStatus.CONFLICT, "Action not allowed in the current state"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    TOO_MANY_NOTIFICATIONS("too-many-notifications", HttpStatus.TOO_MANY_REQUESTS, "Too many notifications waiting"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** Problem types are relative URIs under /problems, resolvable against the service. */
    static final String TYPE_PREFIX = "/problems/";

    private final String slug;
    private final URI type;
    private final HttpStatus status;
    private final String title;

    ApiProblem(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.type = URI.create(TYPE_PREFIX + slug);
        this.status = status;
        this.title = title;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    HttpStatus status() {
        return status;
    }

    /** The problem type for an error status this API answers with, or null for one it has no type of its own for. */
    static ApiProblem forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 500 -> INTERNAL;
            default -> null;
        };
    }

    ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** A 400 naming every offending field, each with what is wrong with it. */
    static ProblemDetail invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " invalid fields: " + String.join(", ", errors.stream().map(FieldError::field).toList());
        ProblemDetail problem = INVALID_REQUEST.detail(detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    static ProblemDetail withProperties(ProblemDetail problem, Map<String, ?> properties) {
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** One offending field (a JSON path, a parameter or a path variable) and what is wrong with it. */
    record FieldError(String field, String message) {
    }
}
