package dev.ledmatrix.display;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.ledmatrix.JsonConfig;
import dev.ledmatrix.display.panel.EmulatorPanel;
import dev.ledmatrix.display.panel.PanelProperties;
import dev.ledmatrix.display.panel.PanelStatus;
import dev.ledmatrix.plugin.PluginHarness;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The display wired by hand around the real plugin runtime and an emulator panel: the render loop can be stepped
 * one frame at a time ({@link RenderLoop#frame()}) or started on its own thread.
 */
final class DisplayFixture implements AutoCloseable {

    static final int WIDTH = 16;
    static final int HEIGHT = 8;

    final Clock clock;
    final PluginHarness plugins;
    final EmulatorPanel panel = new EmulatorPanel(WIDTH, HEIGHT);
    final BrightnessStore brightness;
    final DisplaySettings settings;
    final RenderLoop loop;
    final DisplayService display;

    DisplayFixture(Path dataDir, Clock clock, DisplayProperties properties, List<PluginType> types) {
        this(dataDir, clock, properties, types, ZoneId.of("Europe/Berlin"), Instant.EPOCH);
    }

    /** With the default zone {@code zone} and a clock counted as synchronized from {@code clockSetAfter}. */
    DisplayFixture(Path dataDir, Clock clock, DisplayProperties properties, List<PluginType> types, ZoneId zone,
            Instant clockSetAfter) {
        this.clock = clock;
        this.plugins = new PluginHarness(dataDir, clock, types);
        JsonMapper json = JsonMapper.builder().addModule(JsonConfig.durationModule()).build();
        this.settings = new DisplaySettings(
                new JsonStore<>(dataDir.resolve("display-schedule.json"), Schedule.class, json),
                new JsonStore<>(dataDir.resolve("display-power.json"), PowerOverride.class, json),
                new JsonStore<>(dataDir.resolve("rotation-order.json"), RotationOrder.class, json),
                zone, new ClockSync(clock, clockSetAfter, null), properties.rotationOrder());
        this.brightness = new BrightnessStore(new DataDirectory(dataDir));
        PanelProperties panelProperties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("ledmatrix.panel", PanelProperties.class);
        this.loop = new RenderLoop(panel, plugins.runtime(), plugins.renderer(), properties, brightness, clock,
                panelProperties, settings, plugins.liveContent());
        this.display = new DisplayService(loop, panel, new PanelStatus("emulator", "emulator", null),
                plugins.runtime(), brightness, properties, clock, settings);
    }

    static DisplayProperties properties(int fps, Duration defaultDuration, Duration renderBudget, String... order) {
        return new DisplayProperties(fps, defaultDuration, renderBudget, List.of(order));
    }

    @Override
    public void close() {
        if (loop.isRunning()) {
            loop.stop();
        }
        plugins.close();
    }
}
