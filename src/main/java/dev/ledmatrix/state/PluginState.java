package dev.ledmatrix.state;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The six states of a plugin, as in LEDMatrix's plugin_state.py. Only {@link #ENABLED} may execute. */
public enum PluginState {
    /** Not loaded (also what an unknown plugin reads as). */
    UNLOADED,
    /** Code loaded, not yet instantiated or not yet enabled. */
    LOADED,
    /** Instantiated and enabled: may update and render. */
    ENABLED,
    /** An update is executing right now. */
    RUNNING,
    /** Failed to load or configure; needs a config change or a reset. */
    ERROR,
    /** Turned off by the user. */
    DISABLED;

    /** The name used in JSON and URLs: lower case. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PluginState> fromJsonName(String name) {
        return Arrays.stream(values()).filter(s -> s.jsonName().equals(name)).findFirst();
    }

    /** loaded, enabled or running, as the seed's is_loaded. */
    public boolean isLoaded() {
        return this == LOADED || this == ENABLED || this == RUNNING;
    }

    public boolean canExecute() {
        return this == ENABLED;
    }
}
