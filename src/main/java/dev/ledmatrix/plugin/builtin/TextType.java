package dev.ledmatrix.plugin.builtin;

import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;

/** {@code text}: a message, static and centred, or scrolling from right to left. */
@Component
class TextType implements PluginType {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "required": ["text"],
              "properties": {
                "text":       {"type": "string", "maxLength": 1000, "description": "the message"},
                "color":      {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#ffffff"},
                "background": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#000000"},
                "scroll":     {"type": "boolean", "default": false,
                               "description": "scroll even when the text fits; text wider than the panel always scrolls"},
                "speed":      {"type": "number", "minimum": 1, "maximum": 500, "default": 30,
                               "description": "scroll speed in pixels per second"},
                "font":       {"enum": ["small", "medium"], "default": "medium"}
              }
            }""";

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("text", "Text", "1.0.0",
            "A static or scrolling message", Duration.ofHours(1), null, SCHEMA);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Plugin create(PluginContext context) {
        return new TextPlugin(context.config());
    }

    /** Everything is decided at creation; rendering is a function of the time on screen. */
    static final class TextPlugin implements Plugin {

        private final String text;
        private final Color color;
        private final Color background;
        private final boolean scroll;
        private final double speed;
        private final Font font;

        TextPlugin(PluginConfig config) {
            this.text = config.string("text", "");
            this.color = Color.parse(config.string("color", "#ffffff"));
            this.background = Color.parse(config.string("background", "#000000"));
            this.scroll = config.bool("scroll", false);
            this.speed = config.number("speed", 30);
            this.font = "small".equals(config.string("font", "medium")) ? Font.SMALL : Font.MEDIUM;
        }

        @Override
        public void render(Canvas canvas, RenderContext context) {
            canvas.fill(background);
            int width = font.bitmap().textWidth(text);
            int baseline = (canvas.height() + font.bitmap().baseline()) / 2;
            if (!scroll && width <= canvas.width()) {
                lastTravel = 0;
                canvas.drawText(font, (canvas.width() - width) / 2, baseline, color, text);
                return;
            }
            // Enter from the right edge, leave at the left, then start again.
            long millis = Duration.between(context.shownSince(), context.now()).toMillis();
            int travel = canvas.width() + width;
            int offset = (int) Math.floorMod((long) (millis * speed / 1000.0), (long) travel);
            canvas.drawText(font, canvas.width() - offset, baseline, color, text);
            lastTravel = travel;
        }

        /** Pixels a scroll-through takes on the panel last rendered on; 0 while it does not scroll. */
        private volatile int lastTravel;

        /** A scrolling message has had its turn once it has scrolled through once: it is never cut in the middle. */
        @Override
        public boolean isCycleComplete(RenderContext context) {
            int travel = lastTravel;
            if (travel == 0) {
                return true;
            }
            long millis = Duration.between(context.shownSince(), context.now()).toMillis();
            return millis * speed / 1000.0 >= travel;
        }
    }
}
