package dev.ledmatrix.plugin;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import dev.ledmatrix.state.PluginStateManager;

/**
 * Turns a spec into a running plugin (UNLOADED → LOADED → ENABLED or DISABLED) and back. A missing type, a
 * schema violation or a failing constructor ends in ERROR with error info that says why; nothing retries that
 * by itself, a config change or a reset does.
 */
@Component
class PluginLoader {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final PluginTypeRegistry types;
    private final ConfigValidator validator;
    private final PluginStateManager states;
    private final Clock clock;
    private final PluginSecrets secrets;

    PluginLoader(PluginTypeRegistry types, ConfigValidator validator, PluginStateManager states, Clock clock,
            PluginSecrets secrets) {
        this.types = types;
        this.validator = validator;
        this.states = states;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** Loads {@code mp} from its spec; the caller holds its lifecycle lock and has unloaded any previous plugin. */
    void load(ManagedPlugin mp) {
        InstanceSpec spec = mp.spec();
        PluginType type = types.find(spec.type()).orElse(null);
        if (type == null) {
            fail(mp, null, "UnknownPluginType", "unknown plugin type '" + spec.type() + "'; known types: "
                    + types.all().stream().map(t -> t.descriptor().id()).sorted().collect(Collectors.joining(", ")),
                    null);
            return;
        }
        List<ConfigViolation> violations = validator.validate(type, spec.config());
        if (!violations.isEmpty()) {
            fail(mp, type, "InvalidConfig", "config does not match the schema of type '" + spec.type() + "': "
                    + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")),
                    null);
            return;
        }
        Plugin plugin;
        try {
            plugin = type.create(new PluginContext(spec.id(), PluginConfig.of(spec.config()), clock));
            if (plugin == null) {
                throw new IllegalStateException("type '" + spec.type() + "' created no plugin (null)");
            }
        } catch (Throwable e) { // plugin code: a StackOverflowError there must not stop the service
            fail(mp, type, e.getClass().getSimpleName(), "creating the plugin failed: " + ErrorInfo.messageOf(e), e);
            return;
        }
        mp.loaded(type, plugin);
        states.setState(mp.id, PluginState.LOADED);
        if (spec.enabled()) {
            enable(mp);
        } else {
            states.setState(mp.id, PluginState.DISABLED);
        }
    }

    /** LOADED or DISABLED → ENABLED, calling onEnable; a failing onEnable ends in ERROR. */
    void enable(ManagedPlugin mp) {
        try {
            mp.plugin().onEnable();
        } catch (Throwable e) {
            fail(mp, mp.type(), e.getClass().getSimpleName(), "onEnable failed: " + ErrorInfo.messageOf(e), e);
            return;
        }
        states.setState(mp.id, PluginState.ENABLED);
    }

    /**
     * Calls onDisable, tolerating failure: a user who disables a plugin wants it off regardless. The caller has
     * already moved the state away from ENABLED and stopped the update (lifecycle order: state, update, hooks).
     */
    void onDisable(ManagedPlugin mp) {
        Plugin plugin = mp.plugin();
        if (plugin != null) {
            try {
                plugin.onDisable();
            } catch (Exception | LinkageError | AssertionError e) {
                log.warn("Plugin {} failed in onDisable: {}", mp.id, e.toString());
            }
        }
    }

    /** Closes the plugin object, if any; state is the caller's business. */
    void close(ManagedPlugin mp) {
        Plugin plugin = mp.plugin();
        mp.loaded(mp.type(), null);
        if (plugin != null) {
            try {
                plugin.close();
            } catch (Exception | LinkageError | AssertionError e) {
                log.warn("Plugin {} failed to close: {}", mp.id, e.toString());
            }
        }
    }

    private void fail(ManagedPlugin mp, PluginType type, String errorType, String rawMessage, Throwable rawCause) {
        // What is recorded and logged never holds the config's secrets (a URL with its API key, say).
        String message = secrets.maskText(mp.spec(), rawMessage);
        Throwable cause = rawCause == null ? null : secrets.masked(mp.spec(), rawCause);
        mp.loaded(type, null);
        log.error("Plugin {} cannot run: {}", mp.id, message);
        ErrorInfo info = ErrorInfo.permanent(message, errorType, clock.instant());
        states.setStateWithError(mp.id, PluginState.ERROR, info, cause == null ? new IllegalStateException(message) : cause);
    }
}
