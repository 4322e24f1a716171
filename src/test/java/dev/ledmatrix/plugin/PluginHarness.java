package dev.ledmatrix.plugin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.state.PluginStateManager;

/**
 * The real plugin runtime, renderer and state manager wired by hand (no Spring) for tests in other packages, such
 * as the display's: plugins are created through {@link #actions()} and rendered through {@link #renderer()}.
 */
public final class PluginHarness implements AutoCloseable {

    private final RuntimeFixture fixture;
    private LiveContent liveContent;

    public PluginHarness(Path dataDir, Clock clock, List<PluginType> types) {
        this.fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5), types);
    }

    public PluginRuntime runtime() {
        return fixture.runtime;
    }

    public PluginActions actions() {
        return fixture.actions;
    }

    public PluginRenderer renderer() {
        return fixture.renderer;
    }

    public PluginStateManager states() {
        return fixture.states;
    }

    /** Which instances have live content; step it with {@link LiveContent#poll()}. */
    public synchronized LiveContent liveContent() {
        if (liveContent == null) {
            liveContent = new LiveContent(fixture.instances, fixture.states);
        }
        return liveContent;
    }

    /** Creates an enabled instance of the type; a null display duration means the type's default. */
    public PluginView create(String id, String type, Duration displayDuration) {
        return fixture.actions.create(new InstanceSpec(id, type, true, null, null, displayDuration, null));
    }

    /** How many renders of the plugin ended with this outcome (SUCCESS, FAILURE, OVERRUN). */
    public long renders(String pluginId, String outcome) {
        return fixture.count(pluginId, "render", outcome);
    }

    @Override
    public void close() {
        if (liveContent != null) {
            liveContent.destroy();
        }
        fixture.close();
    }
}
