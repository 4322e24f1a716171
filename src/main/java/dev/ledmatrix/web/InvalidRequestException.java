package dev.ledmatrix.web;

import java.util.List;

/** A request whose parameters or body fail validation; answered with 400 naming each field. */
class InvalidRequestException extends RuntimeException {

    private final List<ApiProblem.FieldError> errors;

    InvalidRequestException(String field, String message) {
        this(List.of(new ApiProblem.FieldError(field, message)));
    }

    InvalidRequestException(List<ApiProblem.FieldError> errors) {
        super(errors.toString(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    List<ApiProblem.FieldError> errors() {
        return errors;
    }
}
