package dev.ledmatrix.display;

import java.util.List;

import dev.ledmatrix.plugin.ConfigViolation;

/** A display setting or notification that is not valid; nothing was changed. Each violation names its field. */
public class InvalidDisplayRequest extends RuntimeException {

    private final transient List<ConfigViolation> violations;

    public InvalidDisplayRequest(List<ConfigViolation> violations) {
        super(violations.toString(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<ConfigViolation> violations() {
        return violations;
    }
}
