package com.example.hello;

import java.util.Locale;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;

/**
 * One instance. update() runs on its own thread (never two at once) and may block; render() runs on the render
 * thread and must be quick. They share what to show through one volatile, immutable value.
 */
final class HelloPlugin implements Plugin {

    /** What render draws; replaced whole by update, so render never sees half of a change. */
    private record Shown(String greeting, String count) {
    }

    private final String name;
    private final Color color;
    private int updates; // only the update thread touches it
    private volatile Shown shown;

    HelloPlugin(PluginConfig config) {
        this.name = config.string("name", "world").toUpperCase(Locale.ROOT);
        this.color = Color.parse(config.string("color", "#ffcc00"));
        this.shown = new Shown("HELLO", "");
    }

    @Override
    public void update(UpdateContext context) throws InterruptedException {
        // A real plugin fetches or computes here, respecting context.timeout() and interruption.
        if (Thread.interrupted()) {
            throw new InterruptedException("update cancelled");
        }
        updates++;
        shown = new Shown("HELLO " + name, "#" + updates);
    }

    @Override
    public void render(Canvas canvas, RenderContext context) {
        Shown s = shown;
        int width = Font.MEDIUM.bitmap().textWidth(s.greeting());
        canvas.drawText(Font.MEDIUM, Math.max(0, (canvas.width() - width) / 2), 12, color, s.greeting());
        canvas.drawText(Font.SMALL, 1, canvas.height() - 3, Color.WHITE, s.count());
    }
}
