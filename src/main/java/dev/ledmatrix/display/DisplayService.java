package dev.ledmatrix.display;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Service;

import dev.ledmatrix.display.panel.Panel;
import dev.ledmatrix.display.panel.PanelStatus;
import dev.ledmatrix.graphics.Frame;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;

/** The display's public face: what is shown, brightness, pinning and the live frames. */
@Service
public class DisplayService {

    private final RenderLoop loop;
    private final Panel panel;
    private final PanelStatus panelStatus;
    private final PluginRuntime runtime;
    private final BrightnessStore brightnessStore;
    private final DisplayProperties properties;
    private final Clock clock;

    DisplayService(RenderLoop loop, Panel panel, PanelStatus panelStatus, PluginRuntime runtime,
            BrightnessStore brightnessStore, DisplayProperties properties, Clock clock) {
        this.loop = loop;
        this.panel = panel;
        this.panelStatus = panelStatus;
        this.runtime = runtime;
        this.brightnessStore = brightnessStore;
        this.properties = properties;
        this.clock = clock;
    }

    public DisplayInfo info() {
        return new DisplayInfo(panel.width(), panel.height(), panel.backend(), loop.brightness(), loop.measuredFps(),
                properties.fps(), loop.current(), loop.pin(), loop.framesPushed(), panelStatus.problem());
    }

    /** Sets and persists the brightness (1-100); the render thread applies it with the next frame. */
    public int setBrightness(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("brightness must be between 1 and 100, got " + percent);
        }
        brightnessStore.save(percent);
        loop.brightness(percent);
        return percent;
    }

    /**
     * Holds a plugin on screen for {@code duration}, or until unpinned when it is null. The plugin must exist and
     * be enabled.
     */
    public Pin pin(String pluginId, Duration duration) {
        PluginView view = runtime.get(pluginId);
        PluginState state = view.state().state();
        if (state != PluginState.ENABLED && state != PluginState.RUNNING) {
            throw new PluginException.StateConflict(pluginId, "pin", state, "only an enabled plugin can be shown");
        }
        Instant now = clock.instant();
        Pin pin = new Pin(pluginId, now, duration == null ? null : now.plus(duration));
        loop.pin(pin);
        return pin;
    }

    public void unpin() {
        loop.pin(null);
    }

    /** The frame on the panel now (black before the first). */
    public Frame currentFrame() {
        return loop.lastFrame();
    }

    /** Every new frame, on the render thread; closing the result unsubscribes. */
    public AutoCloseable subscribe(FrameListener listener) {
        return loop.subscribe(listener);
    }

    public boolean renderLoopRunning() {
        return loop.alive();
    }

    public long framesPushed() {
        return loop.framesPushed();
    }

    public double pushSeconds() {
        return loop.pushSeconds();
    }

    public double measuredFps() {
        return loop.measuredFps();
    }

    public PanelStatus panelStatus() {
        return panelStatus;
    }
}
