package dev.ledmatrix.plugin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.StateInfo;
import dev.ledmatrix.state.StateTransition;
import tools.jackson.databind.JsonNode;

/**
 * Applies {@link SecretMasker} to the instances the service runs, knowing each one's type schema: what every read
 * path without the token shows (config, error info, history, events, health, MQTT), what error text is recorded
 * and logged, and how a config sent back with masks is restored to the stored secrets.
 */
@Component
public class PluginSecrets {

    private final PluginTypeRegistry types;
    private final Instances instances;

    PluginSecrets(PluginTypeRegistry types, Instances instances) {
        this.types = types;
        this.instances = instances;
    }

    /** The config of {@code spec} as a reader without the token sees it. */
    public JsonNode maskedConfig(InstanceSpec spec) {
        return SecretMasker.maskConfig(types.schemaOf(spec.type()), spec.config());
    }

    /** {@code text} (about instance {@code pluginId}) with its secrets masked; URLs are masked for any id. */
    public String maskText(String pluginId, String text) {
        if (text == null) {
            return null;
        }
        ManagedPlugin mp = pluginId == null ? null : instances.get(pluginId);
        return mp == null ? SecretMasker.maskText(text, List.of()) : maskText(mp.spec(), text);
    }

    public String maskText(InstanceSpec spec, String text) {
        if (text == null) {
            return null;
        }
        return SecretMasker.maskText(text, SecretMasker.secretValues(types.schemaOf(spec.type()), spec.config()));
    }

    /** The view as a reader without the token sees it: config masked, error texts scrubbed. */
    public PluginView masked(PluginView view) {
        InstanceSpec spec = view.spec();
        InstanceSpec maskedSpec = spec.withConfig(maskedConfig(spec));
        StateInfo s = view.state();
        StateInfo state = s.errorInfo() == null ? s : new StateInfo(s.state(), s.loaded(), s.enabled(), s.running(),
                s.error(), s.canExecute(), s.lastUpdate(), s.lastDisplay(), masked(spec, s.errorInfo()),
                s.stateHistoryCount(), s.hungUpdateSince());
        RenderStatus r = view.renders();
        RenderStatus renders = r == null || r.lastError() == null ? r : new RenderStatus(r.consecutiveFailures(),
                r.totalFailures(), r.skippedUntil(), maskText(spec, r.lastError()), r.stuck());
        return new PluginView(maskedSpec, view.typeName(), state, view.updates(), renders, view.updateInterval(),
                view.updateTimeout());
    }

    public ErrorInfo masked(InstanceSpec spec, ErrorInfo info) {
        if (info == null) {
            return null;
        }
        String error = maskText(spec, info.error());
        return error.equals(info.error()) ? info : new ErrorInfo(error, info.errorType(), info.timestamp(),
                info.recoverable(), info.consecutiveFailures(), info.nextAttemptAt());
    }

    public StateTransition masked(String pluginId, StateTransition t) {
        String error = maskText(pluginId, t.error());
        return error == null || error.equals(t.error()) ? t
                : new StateTransition(t.seq(), t.timestamp(), t.from(), t.to(), error);
    }

    /**
     * The error a plugin of {@code spec} failed with, as it may be recorded and logged: itself when its message
     * holds no secret, otherwise a stand-in with the masked message (and no cause, whose text could hold it too).
     */
    public Throwable masked(InstanceSpec spec, Throwable error) {
        String message = ErrorInfo.messageOf(error);
        String masked = maskText(spec, message);
        return masked.equals(message) ? error : new MaskedFailure(masked);
    }

    /**
     * {@code incoming} config for instance {@code pluginId} with masks sent back replaced by the stored secrets.
     *
     * @throws PluginException.Invalid naming each masked field with no stored value behind it
     */
    public JsonNode restore(String pluginId, JsonNode incoming) {
        ManagedPlugin mp = pluginId == null ? null : instances.get(pluginId);
        return restore(pluginId, incoming, mp == null ? null : mp.spec().config());
    }

    /** For a new instance: there is nothing stored, so any mask is refused. */
    public JsonNode restoreNew(String pluginId, JsonNode incoming) {
        return restore(pluginId, incoming, null);
    }

    private static JsonNode restore(String pluginId, JsonNode incoming, JsonNode stored) {
        if (incoming == null) {
            return null;
        }
        List<String> unresolved = new ArrayList<>();
        JsonNode restored = SecretMasker.restore(incoming, stored, unresolved);
        if (!unresolved.isEmpty()) {
            throw new PluginException.Invalid(pluginId, unresolved.stream().map(field -> new ConfigViolation(field,
                    "holds the mask " + SecretMasker.MASK + " but no value is stored there to keep; send the real "
                            + "value")).toList());
        }
        return restored;
    }

    /** An error whose message had a secret in it, with that secret masked. */
    static final class MaskedFailure extends Exception {
        MaskedFailure(String message) {
            super(message, null, false, false);
        }
    }
}
