package dev.ledmatrix.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Home Assistant MQTT discovery: one retained config per entity under
 * {@code <prefix>/<component>/<device-id>/<object>/config}, all naming the same device, so Home Assistant shows one
 * "LED Matrix" device with its controls, sensors and diagnostics, no YAML needed. Keys are the documented long
 * names (not the abbreviations) so the payloads read well on the broker.
 *
 * <p>Entities: the display as a {@code light} (on/off and brightness 1-100), the pinned plugin as a {@code select},
 * one-off messages as a {@code notify} entity, the current plugin, frame rate and panel backend as
 * {@code sensor}s; per plugin a {@code switch} (enabled), an
 * update and a reset {@code button}, a {@code sensor} (state) and a {@code binary_sensor} (problem, error info as
 * attributes); per text plugin a {@code text} for its message.
 */
final class Discovery {

    /** Home Assistant caps a text entity's state (and so its message) at 255 characters. */
    static final int HA_TEXT_MAX = 255;
    static final List<String> PLUGIN_STATES = List.of("unloaded", "loaded", "enabled", "error", "disabled");

    private final Topics topics;
    private final JsonMapper json;
    private final String deviceName;
    private final String version;
    private final int qos;
    /** Set at the start of each {@link #configs} call; only the publisher thread builds configs. */
    private String model = "LED matrix";

    Discovery(Topics topics, JsonMapper json, String deviceName, String version, int qos) {
        this.topics = topics;
        this.json = json;
        this.deviceName = deviceName;
        this.version = version;
        this.qos = qos;
    }

    /** Every config topic with its payload, in a stable order: display entities, then plugins by id. */
    Map<String, String> configs(DisplayInfo display, List<PluginView> plugins) {
        Map<String, String> configs = new LinkedHashMap<>();
        String state = topics.display();
        model = "LED matrix " + display.width() + "×" + display.height();

        ObjectNode light = entity("display", null, "mdi:dots-grid");
        light.putNull("name"); // the device's main feature: Home Assistant names it after the device
        light.put("command_topic", topics.displayCommand("power"));
        light.put("state_topic", state);
        light.put("state_value_template", "{{ value_json.power }}");
        light.put("brightness_command_topic", topics.displayCommand("brightness"));
        light.put("brightness_state_topic", state);
        light.put("brightness_value_template", "{{ value_json.brightness }}");
        light.put("brightness_scale", 100);
        light.put("payload_on", "ON");
        light.put("payload_off", "OFF");
        put(configs, "light", "display", light);

        ObjectNode pinned = entity("pinned", "Pinned plugin", "mdi:pin");
        pinned.put("command_topic", topics.displayCommand("pin"));
        pinned.put("state_topic", state);
        pinned.put("value_template", "{{ value_json.pinned }}");
        var options = pinned.putArray("options");
        options.add(StatePayloads.NONE);
        plugins.forEach(p -> options.add(p.id()));
        put(configs, "select", "pinned", pinned);

        ObjectNode notify = entity("notify", "Notification", "mdi:message-alert");
        notify.put("command_topic", topics.displayCommand("notify"));
        put(configs, "notify", "notify", notify);

        ObjectNode current = entity("current", "Current plugin", "mdi:television-play");
        current.put("state_topic", state);
        current.put("value_template", "{{ value_json.current }}");
        put(configs, "sensor", "current", current);

        ObjectNode fps = entity("fps", "Frame rate", "mdi:speedometer");
        fps.put("state_topic", state);
        fps.put("value_template", "{{ value_json.fps }}");
        fps.put("unit_of_measurement", "fps");
        fps.put("state_class", "measurement");
        fps.put("entity_category", "diagnostic");
        put(configs, "sensor", "fps", fps);

        ObjectNode backend = entity("backend", "Panel backend", "mdi:chip");
        backend.put("state_topic", state);
        backend.put("value_template", "{{ value_json.backend }}");
        backend.put("entity_category", "diagnostic");
        put(configs, "sensor", "backend", backend);

        for (PluginView plugin : plugins) {
            pluginConfigs(configs, plugin);
        }
        return configs;
    }

    private void pluginConfigs(Map<String, String> configs, PluginView plugin) {
        String id = plugin.id();
        String label = label(id);
        String state = topics.plugin(id);
        String object = "plugin_" + id;

        ObjectNode enabled = entity(object, label, "mdi:puzzle");
        enabled.put("command_topic", topics.pluginCommand(id, "enabled"));
        enabled.put("state_topic", state);
        enabled.put("value_template", "{{ 'ON' if value_json.enabled else 'OFF' }}");
        enabled.put("payload_on", "ON");
        enabled.put("payload_off", "OFF");
        put(configs, "switch", object, enabled);

        ObjectNode update = entity(object + "_update", "Update " + label, "mdi:refresh");
        update.put("command_topic", topics.pluginCommand(id, "update"));
        update.put("payload_press", "PRESS");
        put(configs, "button", object + "_update", update);

        ObjectNode reset = entity(object + "_reset", "Reset " + label, "mdi:restore");
        reset.put("command_topic", topics.pluginCommand(id, "reset"));
        reset.put("payload_press", "PRESS");
        reset.put("entity_category", "config");
        put(configs, "button", object + "_reset", reset);

        ObjectNode sensor = entity(object + "_state", label + " state", "mdi:state-machine");
        sensor.put("state_topic", state);
        sensor.put("value_template", "{{ value_json.state }}");
        sensor.put("device_class", "enum");
        var states = sensor.putArray("options");
        PLUGIN_STATES.forEach(states::add);
        sensor.put("entity_category", "diagnostic");
        put(configs, "sensor", object + "_state", sensor);

        ObjectNode problem = entity(object + "_problem", label + " problem", null);
        problem.put("state_topic", state);
        problem.put("value_template", "{{ 'ON' if value_json.problem else 'OFF' }}");
        problem.put("device_class", "problem");
        problem.put("json_attributes_topic", state);
        problem.put("json_attributes_template", "{{ (value_json.errorInfo or {}) | tojson }}");
        problem.put("entity_category", "diagnostic");
        put(configs, "binary_sensor", object + "_problem", problem);

        if (StatePayloads.TEXT_TYPE.equals(plugin.spec().type()) && plugin.state().state() != PluginState.UNLOADED) {
            ObjectNode text = entity(object + "_text", label + " text", "mdi:message-text");
            text.put("command_topic", topics.pluginCommand(id, "text"));
            text.put("state_topic", state);
            text.put("value_template", "{{ (value_json.text or '')[:" + HA_TEXT_MAX + "] }}");
            text.put("min", 0);
            text.put("max", HA_TEXT_MAX);
            text.put("mode", "text");
            put(configs, "text", object + "_text", text);
        }
    }

    /** The keys every entity shares: name, unique id, availability, device, origin, QoS. */
    private ObjectNode entity(String object, String name, String icon) {
        ObjectNode node = json.createObjectNode();
        node.put("name", name);
        node.put("unique_id", "ledmatrix_" + topics.deviceId() + "_" + object);
        if (icon != null) {
            node.put("icon", icon);
        }
        node.put("availability_topic", topics.availability());
        node.put("qos", qos);
        ObjectNode device = node.putObject("device");
        device.putArray("identifiers").add("ledmatrix_" + topics.deviceId());
        device.put("name", deviceName);
        device.put("manufacturer", "ledmatrix-manager");
        device.put("model", model);
        device.put("sw_version", version);
        ObjectNode origin = node.putObject("origin");
        origin.put("name", "ledmatrix-manager");
        origin.put("sw_version", version);
        return node;
    }

    private void put(Map<String, String> configs, String component, String object, ObjectNode payload) {
        configs.put(topics.discovery(component, object), json.writeValueAsString(payload));
    }

    /** {@code http-json-2} → {@code Http json 2}: an entity name that reads well after the device name. */
    static String label(String pluginId) {
        String words = pluginId.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
