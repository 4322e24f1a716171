package dev.ledmatrix.web;

/** A path that names something that does not exist (other than a plugin instance); answered with 404. */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message, null, false, false);
    }
}
