package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.LiveContent;
import dev.ledmatrix.plugin.PluginRenderer;
import dev.ledmatrix.plugin.PluginRuntime;

/** The plugins as the screen planner sees them, read live from the runtime each frame. Render thread only. */
final class RuntimeLineup implements Lineup {

    private final PluginRuntime runtime;
    private final PluginRenderer renderer;
    private final LiveContent liveContent;
    private final DisplaySettings settings;
    private final Duration defaultDuration;
    private final ActiveWindows windows;

    RuntimeLineup(PluginRuntime runtime, PluginRenderer renderer, LiveContent liveContent, DisplaySettings settings,
            Duration defaultDuration) {
        this.runtime = runtime;
        this.renderer = renderer;
        this.liveContent = liveContent;
        this.settings = settings;
        this.defaultDuration = defaultDuration;
        this.windows = new ActiveWindows(settings);
    }

    @Override
    public List<String> order() {
        return settings.arrange(runtime.ids());
    }

    @Override
    public boolean renderable(String id, Instant now) {
        return renderer.inRotation(id, now);
    }

    @Override
    public boolean inWindow(String id, Instant now) {
        InstanceSpec spec = runtime.specOf(id);
        return spec == null || windows.allow(spec, now);
    }

    @Override
    public boolean live(String id) {
        return liveContent.live(id);
    }

    @Override
    public Duration duration(String id) {
        return runtime.displayDuration(id, defaultDuration);
    }

    @Override
    public Duration cap(String id) {
        InstanceSpec spec = runtime.specOf(id);
        return spec == null ? InstanceSpec.DEFAULT_MAX_DISPLAY_DURATION : spec.effectiveMaxDisplayDuration();
    }

    @Override
    public boolean cycleComplete(String id) {
        return renderer.cycleComplete(id);
    }
}
