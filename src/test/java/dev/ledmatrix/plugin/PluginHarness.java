package dev.ledmatrix.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginStateManager;

/**
 * The real plugin runtime, renderer and state manager wired by hand (no Spring) for tests in other packages, such
 * as the display's: plugins are created through {@link #runtime()} and rendered through {@link #renderer()}.
 */
public final class PluginHarness implements AutoCloseable {

    private final RuntimeFixture fixture;

    public PluginHarness(Path dataDir, Clock clock, List<PluginType> types) {
        this.fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5), types);
    }

    public PluginRuntime runtime() {
        return fixture.runtime;
    }

    public PluginRenderer renderer() {
        return fixture.renderer;
    }

    public PluginStateManager states() {
        return fixture.states;
    }

    /** Creates an enabled instance of the type; a null display duration means the type's default. */
    public PluginView create(String id, String type, Duration displayDuration) {
        return fixture.runtime.create(new InstanceSpec(id, type, true, null, null, displayDuration, null));
    }

    /** How many renders of the plugin ended with this outcome (SUCCESS, FAILURE, OVERRUN). */
    public long renders(String pluginId, String outcome) {
        return fixture.count(pluginId, "render", outcome);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
