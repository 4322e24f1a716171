package dev.ledmatrix.plugin;

import java.util.List;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What a first start shows: a clock and a message, so a new panel lights up with something useful. */
final class DefaultInstances {

    private DefaultInstances() {
    }

    static List<InstanceSpec> create() {
        ObjectNode clock = JsonNodeFactory.instance.objectNode();
        clock.put("format", "24h");
        clock.put("showDate", true);
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("text", "Hello from ledmatrix-manager");
        message.put("color", "#ffaa00");
        message.put("scroll", true);
        return List.of(
                new InstanceSpec("clock", "clock", true, null, null, null, clock),
                new InstanceSpec("message", "text", true, null, null, null, message));
    }
}
