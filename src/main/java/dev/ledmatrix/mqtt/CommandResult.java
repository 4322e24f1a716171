package dev.ledmatrix.mqtt;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ledmatrix.plugin.ConfigViolation;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.state.PluginState;

/**
 * How a command went, published on {@code B/result} (not retained). {@code status} is what the REST API answers for
 * the same action (200/202 done, 400 malformed, 404 unknown, 409 not allowed in the current state, 413 too large,
 * 429 too many notifications waiting, 503 too many commands queued); {@code ok} is true for 2xx.
 *
 * @param topic        the command topic
 * @param command      e.g. {@code enabled}, {@code brightness}
 * @param pluginId     the plugin the command was for, if any
 * @param status       as the REST API would answer
 * @param ok           whether it was carried out
 * @param message      what happened, or why not
 * @param currentState the plugin's state afterwards (or the state that refused the action)
 * @param errors       every invalid field, for a refused config change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommandResult(String topic, String command, String pluginId, int status, boolean ok, String message,
        PluginState currentState, List<FieldError> errors) {

    record FieldError(String field, String message) {
    }

    static CommandResult ok(String topic, String command, String pluginId, int status, String message,
            PluginState state) {
        return new CommandResult(topic, command, pluginId, status, true, message, state, null);
    }

    static CommandResult problem(String topic, String command, String pluginId, int status, String message) {
        return new CommandResult(topic, command, pluginId, status, false, message, null, null);
    }

    static CommandResult invalid(String topic, String command, List<ConfigViolation> violations) {
        return new CommandResult(topic, command, null, 400, false, violations.size() + " invalid field(s): "
                + String.join(", ", violations.stream().map(ConfigViolation::field).toList()), null,
                violations.stream().map(v -> new FieldError(v.field(), v.message())).toList());
    }

    /** The same status and words as the REST API's problem for this exception. */
    static CommandResult of(String topic, String command, PluginException e) {
        return switch (e) {
            case PluginException.NotFound n -> problem(topic, command, e.pluginId(), 404, n.getMessage());
            case PluginException.AlreadyExists a -> problem(topic, command, e.pluginId(), 409, a.getMessage());
            case PluginException.StateConflict c -> new CommandResult(topic, command, e.pluginId(), 409, false,
                    c.getMessage(), c.currentState(), null);
            case PluginException.Invalid i -> new CommandResult(topic, command, e.pluginId(), 400, false,
                    i.getMessage(), null, i.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList());
        };
    }
}
