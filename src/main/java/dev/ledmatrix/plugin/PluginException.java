package dev.ledmatrix.plugin;

import java.util.List;

import dev.ledmatrix.state.PluginState;

/** Why an action on a plugin instance was refused; each kind maps to one HTTP status. */
public abstract sealed class PluginException extends RuntimeException {

    private final String pluginId;

    PluginException(String pluginId, String message) {
        super(message, null, false, false);
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }

    /** No instance with that id. */
    public static final class NotFound extends PluginException {
        NotFound(String pluginId) {
            super(pluginId, "No plugin with id '" + pluginId + "'");
        }
    }

    /** An instance with that id exists already. */
    public static final class AlreadyExists extends PluginException {
        AlreadyExists(String pluginId) {
            super(pluginId, "A plugin with id '" + pluginId + "' exists already");
        }
    }

    /** The action is not allowed in the instance's current state. */
    public static final class StateConflict extends PluginException {
        private final PluginState currentState;
        private final String action;

        public StateConflict(String pluginId, String action, PluginState currentState, String why) {
            super(pluginId, "Cannot " + action + " plugin '" + pluginId + "' while it is " + currentState.jsonName()
                    + ": " + why);
            this.currentState = currentState;
            this.action = action;
        }

        public PluginState currentState() {
            return currentState;
        }

        public String action() {
            return action;
        }
    }

    /** The spec or config is invalid; every violation is listed. */
    public static final class Invalid extends PluginException {
        private final List<ConfigViolation> violations;

        Invalid(String pluginId, List<ConfigViolation> violations) {
            super(pluginId, violations.size() + " invalid field(s): "
                    + String.join(", ", violations.stream().map(ConfigViolation::field).toList()));
            this.violations = List.copyOf(violations);
        }

        public List<ConfigViolation> violations() {
            return violations;
        }
    }
}
