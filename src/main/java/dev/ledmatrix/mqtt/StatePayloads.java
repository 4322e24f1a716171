package dev.ledmatrix.mqtt;

import java.time.Instant;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retained JSON of the display and of each plugin: what a subscriber (and Home Assistant's templates) read.
 * Only facts that change on events are included (not the plugin's last display time, which moves every frame), and
 * {@code running} (an update in progress, many times a minute) reads as {@code enabled}, so the topics change when
 * something a user cares about changes.
 */
final class StatePayloads {

    static final String NONE = "none";
    static final String TEXT_TYPE = "text";

    private final JsonMapper json;

    StatePayloads(JsonMapper json) {
        this.json = json;
    }

    /**
     * {@code {"power":"ON","powerUntil":null,"brightness":80,"effectiveBrightness":80,"reason":"rotation",
     * "current":"clock","pinned":"none","pinnedUntil":null,"notification":null,"fps":30,"backend":"emulator",
     * "width":128,"height":32}}
     */
    String display(DisplayInfo info, long fps) {
        ObjectNode node = json.createObjectNode();
        boolean on = info.power() == null || info.power().on();
        node.put("power", on ? "ON" : "OFF");
        node.put("powerUntil", info.power() == null ? null : iso(info.power().until()));
        node.put("brightness", info.brightness());
        node.put("effectiveBrightness", info.effectiveBrightness());
        node.set("reason", json.valueToTree(info.reason()));
        node.put("current", info.currentPlugin() == null ? NONE : info.currentPlugin());
        node.put("pinned", info.pinned() == null ? NONE : info.pinned().pluginId());
        node.put("pinnedUntil", info.pinned() == null || info.pinned().until() == null ? null
                : info.pinned().until().toString());
        node.put("notification", info.notification() == null ? null : info.notification().text());
        node.put("fps", fps);
        node.put("backend", info.backend());
        node.put("width", info.width());
        node.put("height", info.height());
        return json.writeValueAsString(node);
    }

    /**
     * The plugin as the publisher hands it over, already masked as on the anonymous API:
     * {@code {"id":"clock","type":"clock","name":"Clock","state":"enabled","enabled":true,"problem":false,
     * "lastUpdate":"...","errorInfo":null}}, plus {@code "text"} for a text plugin.
     *
     * @param lastUpdate the last update time to show (the publisher holds it back when nothing else changed)
     */
    String plugin(PluginView view, String text, Instant lastUpdate) {
        PluginState state = view.state().state() == PluginState.RUNNING ? PluginState.ENABLED : view.state().state();
        ErrorInfo error = view.state().errorInfo();
        ObjectNode node = json.createObjectNode();
        node.put("id", view.id());
        node.put("type", view.spec().type());
        node.put("name", view.typeName());
        node.put("state", state.jsonName());
        node.put("enabled", view.spec().enabled());
        node.put("problem", state == PluginState.ERROR || error != null);
        node.put("lastUpdate", iso(lastUpdate));
        node.set("errorInfo", error == null ? json.getNodeFactory().nullNode() : json.valueToTree(error));
        if (text != null) {
            node.put("text", text);
        }
        return json.writeValueAsString(node);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
