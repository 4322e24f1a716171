package dev.ledmatrix.plugin.builtin;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

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
import dev.ledmatrix.plugin.spi.UpdateContext;

/** {@code clock}: the time, and optionally the date, in 12 or 24 hour form in any time zone. */
@Component
class ClockType implements PluginType {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "format":      {"enum": ["12h", "24h"], "default": "24h", "description": "12 or 24 hour time"},
                "timeZone":    {"type": "string", "minLength": 1, "maxLength": 64, "default": "UTC",
                                "description": "IANA time zone, e.g. Europe/Berlin"},
                "showDate":    {"type": "boolean", "default": true},
                "showSeconds": {"type": "boolean", "default": false},
                "color":       {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#ffffff"},
                "dateColor":   {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#6080ff"}
              }
            }""";

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("clock", "Clock", "1.0.0",
            "The time and date, 12 or 24 hour, in any time zone", Duration.ofSeconds(1), null, SCHEMA);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Plugin create(PluginContext context) {
        return new ClockPlugin(context);
    }

    /** Computes the text once a second in update(); render only draws it. */
    static final class ClockPlugin implements Plugin {

        private record Face(String time, String date) {
        }

        private final PluginContext context;
        private final ZoneId zone;
        private final DateTimeFormatter timeFormat;
        private final DateTimeFormatter dateFormat = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
        private final boolean showDate;
        private final Color color;
        private final Color dateColor;
        private volatile Face face;

        ClockPlugin(PluginContext context) {
            PluginConfig config = context.config();
            this.context = context;
            String zoneId = config.string("timeZone", "UTC");
            try {
                this.zone = ZoneId.of(zoneId);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + zoneId + "' (use an IANA name such as "
                        + "Europe/Berlin or America/New_York)");
            }
            boolean twelve = "12h".equals(config.string("format", "24h"));
            boolean seconds = config.bool("showSeconds", false);
            this.timeFormat = DateTimeFormatter.ofPattern((twelve ? "h:mm" : "HH:mm") + (seconds ? ":ss" : "")
                    + (twelve ? " a" : ""), Locale.ENGLISH);
            this.showDate = config.bool("showDate", true);
            this.color = Color.parse(config.string("color", "#ffffff"));
            this.dateColor = Color.parse(config.string("dateColor", "#6080ff"));
            this.face = faceAt(context.clock().instant());
        }

        @Override
        public void update(UpdateContext update) {
            face = faceAt(context.clock().instant());
        }

        @Override
        public void render(Canvas canvas, RenderContext render) {
            Face f = face;
            int timeWidth = Font.MEDIUM.bitmap().textWidth(f.time());
            int timeBaseline = showDate ? canvas.height() / 2 : (canvas.height() + Font.MEDIUM.bitmap().baseline()) / 2;
            canvas.drawText(Font.MEDIUM, (canvas.width() - timeWidth) / 2, timeBaseline, color, f.time());
            if (showDate) {
                int dateWidth = Font.SMALL.bitmap().textWidth(f.date());
                canvas.drawText(Font.SMALL, (canvas.width() - dateWidth) / 2,
                        timeBaseline + Font.SMALL.bitmap().height() + 2, dateColor, f.date());
            }
        }

        /** The zone is applied here rather than through Clock.withZone, which a clock may not honour. */
        private Face faceAt(Instant instant) {
            ZonedDateTime now = instant.atZone(zone);
            return new Face(timeFormat.format(now), dateFormat.format(now));
        }
    }
}
