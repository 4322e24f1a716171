package dev.ledmatrix.plugin.builtin;

import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;

/**
 * {@code http-json}: fetches a URL on every update, optionally picks one value by JSON Pointer, and shows it
 * with a label. Any http or https URL is allowed, loopback and LAN included: a home display reads home services.
 */
@Component
class HttpJsonType implements PluginType {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "required": ["url"],
              "properties": {
                "url":     {"type": "string", "pattern": "^https?://[^\\\\s/$.?#][^\\\\s]*$", "maxLength": 2048,
                            "description": "http or https URL answering JSON; its password and query values are secret"},
                "pointer": {"type": "string", "pattern": "^(/.*)?$", "default": "",
                            "description": "JSON Pointer (RFC 6901) of the value to show, e.g. /main/temp; empty for the whole body"},
                "label":   {"type": "string", "maxLength": 64, "default": ""},
                "format":  {"type": "string", "maxLength": 128, "default": "{value}",
                            "description": "how to show the value; {value} is replaced by it, e.g. {value} °C"},
                "headers": {"type": "object",
                            "additionalProperties": {"type": "string", "maxLength": 1024, "x-secret": true},
                            "description": "extra request headers, e.g. an Authorization header; their values are secret"},
                "color":   {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#00ff80"},
                "labelColor": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "default": "#a0a0a0"}
              }
            }""";

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("http-json", "HTTP JSON value", "1.0.0",
            "Fetches a URL, picks a value by JSON Pointer and shows it", Duration.ofMinutes(1), null, SCHEMA);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Plugin create(PluginContext context) {
        return new HttpJsonPlugin(context.config());
    }
}
