package dev.ledmatrix.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Answers the servlet container's error dispatch (a filter or the container called {@code sendError}, e.g. Spring
 * Security's firewall refusing {@code /api/v1/plugins/%2e%2e} or {@code a;b}) with a problem of this API's types,
 * replacing Boot's default error JSON. Exceptions in controllers never get here: {@link ApiExceptionHandler} has
 * them.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) { // asked for directly, not an error dispatch: there is nothing here
            return ApiExceptionHandler.respond(ApiProblem.NOT_FOUND.detail("No endpoint " + request.getMethod() + " "
                    + request.getRequestURI()));
        }
        int status = code instanceof Integer i ? i : 500;
        HttpStatus resolved = HttpStatus.resolve(status);
        ApiProblem kind = ApiProblem.forStatus(status);
        String detail = switch (status) {
            case 400 -> "The request is malformed (its path, query or headers) and was refused";
            case 404 -> "No endpoint here";
            case 500 -> "The service failed to handle this request; see its log.";
            default -> resolved != null ? resolved.getReasonPhrase() : "Error " + status;
        };
        ProblemDetail problem = kind != null ? kind.detail(detail)
                : ProblemDetail.forStatusAndDetail(resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR, detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException e) {
                // a path that is not a valid URI reference is left out rather than echoed
            }
        }
        return ApiExceptionHandler.respond(problem);
    }
}
