package dev.ledmatrix.web;

import java.util.List;

import dev.ledmatrix.display.InvalidDisplayRequest;
import dev.ledmatrix.display.NotificationQueueFull;
import dev.ledmatrix.plugin.PluginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem: a stable type, a detail a user can act on, and the
 * offending fields by name. Nothing reaches the client as a stack trace or a 5xx for bad input.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(PluginException.class)
    ResponseEntity<ProblemDetail> plugin(PluginException e) {
        ProblemDetail problem = switch (e) {
            case PluginException.NotFound n -> ApiProblem.PLUGIN_NOT_FOUND.detail(n.getMessage());
            case PluginException.AlreadyExists a -> ApiProblem.CONFLICT.detail(a.getMessage());
            case PluginException.StateConflict c -> {
                ProblemDetail p = ApiProblem.STATE_CONFLICT.detail(c.getMessage());
                p.setProperty("currentState", c.currentState());
                p.setProperty("action", c.action());
                yield p;
            }
            case PluginException.Invalid i -> ApiProblem.invalid(i.violations().stream()
                    .map(v -> new ApiProblem.FieldError(v.field(), v.message())).toList());
        };
        problem.setProperty("pluginId", e.pluginId());
        return respond(problem);
    }

    @ExceptionHandler(InvalidDisplayRequest.class)
    ResponseEntity<ProblemDetail> invalidDisplay(InvalidDisplayRequest e) {
        return respond(ApiProblem.invalid(e.violations().stream()
                .map(v -> new ApiProblem.FieldError(v.field(), v.message())).toList()));
    }

    @ExceptionHandler(NotificationQueueFull.class)
    ResponseEntity<ProblemDetail> notificationsFull(NotificationQueueFull e) {
        return respond(ApiProblem.TOO_MANY_NOTIFICATIONS.detail(e.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(ApiProblem.NOT_FOUND.detail(e.getMessage()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return respond(ApiProblem.invalid(e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = JsonErrors.describeType(e.getRequiredType());
        String value = String.valueOf(e.getValue());
        String message = value.matches("-?\\d{1,1000}")
                ? "is out of range, got '" + value + "'"
                : "must be " + expected + ", got '" + value + "'";
        return respond(ApiProblem.invalid(e.getName(), message));
    }

    /** Last resort: log it with its trace here, tell the client only that it happened. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return respond(ApiProblem.INTERNAL.detail("The service failed to handle this request; see its log."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.TooLargeException) {
                return cast(respond(BodySizeLimitFilter.tooLarge()));
            }
        }
        return cast(respond(JsonErrors.describe(ex)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiProblem.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return cast(respond(ApiProblem.invalid(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiProblem.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return cast(respond(ApiProblem.invalid(errors)));
    }

    /** Gives Spring's own problems (404 route, 405, 415, ...) our type URIs instead of about:blank. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof org.springframework.web.ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            ApiProblem kind = ApiProblem.forStatus(statusCode.value());
            if (kind != null) {
                String detail = ex instanceof NoResourceFoundException missing
                        ? "No endpoint " + missing.getHttpMethod() + " /" + missing.getResourcePath()
                        : problem.getDetail();
                ProblemDetail typed = kind.detail(detail);
                if (problem.getProperties() != null) {
                    ApiProblem.withProperties(typed, problem.getProperties());
                }
                body = typed;
            }
        }
        if (statusCode.is5xxServerError()) {
            log.error("Request failed", ex);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
