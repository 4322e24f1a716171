package dev.ledmatrix.plugin.process;

import java.time.Duration;
import java.time.Instant;

import dev.ledmatrix.plugin.spi.RenderContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages the service sends over a plugin's stdin (version {@value #VERSION}; docs/plugins-in-python.md).
 * One JSON object per line; each request has a {@code seq} the answer repeats. Answers and signals are read by
 * {@link PluginProcess}.
 */
final class Protocol {

    static final int VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Protocol() {
    }

    static ObjectNode hello(String instanceId, int width, int height) {
        return message("hello").put("protocol", VERSION).put("instance", instanceId).put("width", width)
                .put("height", height);
    }

    static ObjectNode configure(JsonNode config) {
        ObjectNode m = message("configure");
        m.set("config", config);
        return m;
    }

    static ObjectNode enable() {
        return message("enable");
    }

    static ObjectNode disable() {
        return message("disable");
    }

    static ObjectNode update(Duration timeout, Instant deadline) {
        return message("update").put("timeout", timeout.toMillis() / 1000.0).put("deadline", deadline.toString());
    }

    static ObjectNode cancel(long seq) {
        return message("cancel").put("update", seq);
    }

    static ObjectNode render(RenderContext context, int width, int height) {
        return message("render").put("time", context.now().toString())
                .put("shownSince", context.shownSince() == null ? null : context.shownSince().toString())
                .put("frame", context.frameNumber()).put("width", width).put("height", height);
    }

    static ObjectNode shutdown() {
        return message("shutdown");
    }

    private static ObjectNode message(String type) {
        return NODES.objectNode().put("type", type);
    }
}
