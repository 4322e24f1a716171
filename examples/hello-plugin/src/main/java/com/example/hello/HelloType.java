package com.example.hello;

import java.time.Duration;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;

/**
 * The plugin type: says who it is, what config it takes (a JSON Schema), and creates one {@link HelloPlugin}
 * per configured instance. The service finds it through
 * {@code META-INF/services/dev.ledmatrix.plugin.spi.PluginType}, so it needs a public no-argument constructor.
 */
public final class HelloType implements PluginType {

    /** The service validates every instance config against this before create() sees it. */
    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "name":  {"type": "string", "minLength": 1, "maxLength": 20, "default": "world",
                          "description": "who to greet"},
                "color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#ffcc00"}
              }
            }""";

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "hello",                  // type id, used in instance configs: {"type": "hello", ...}
            "Hello",                  // human name
            "1.0.0",
            "Greets someone and counts its updates",
            Duration.ofSeconds(10),   // default update interval
            null,                     // default display duration: the display's own default
            SCHEMA);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Plugin create(PluginContext context) {
        return new HelloPlugin(context.config());
    }
}
