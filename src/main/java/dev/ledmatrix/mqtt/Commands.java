package dev.ledmatrix.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.display.InvalidDisplayRequest;
import dev.ledmatrix.display.NotificationQueueFull;
import dev.ledmatrix.plugin.PluginActions;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out a command received over MQTT through the same services and checks as the REST API
 * ({@link PluginActions}, {@link DisplayService}), and says how it went as a {@link CommandResult} with the status
 * REST would have answered. Never throws: a malformed topic or payload is a 400, an unknown plugin a 404, an action
 * the state does not allow a 409, and in every such case nothing changes.
 *
 * <pre>
 * B/display/power/set        ON, OFF (until the next scheduled change), AUTO (the schedule decides again), or
 *                            {"on": true|false, "until": ISO time or null} as PUT /api/v1/display/power
 * B/display/notify/set       a message as plain text, or the body of POST /api/v1/display/notify
 *                            ({"text", "color", "duration", "scroll", "repeat"})
 * B/display/brightness/set   1-100
 * B/display/pin/set          a plugin id, {"pluginId": "...", "duration": seconds}, or none / empty to unpin
 * B/plugin/ID/enabled/set    ON or OFF
 * B/plugin/ID/update/set     anything (Home Assistant's button sends PRESS): update now
 * B/plugin/ID/reset/set      anything: clear error and backoff
 * B/plugin/ID/text/set       the new message of a text plugin
 * </pre>
 */
final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    /** Far above any real command; a bigger payload is refused unread, like an oversized REST body. */
    static final int MAX_PAYLOAD = 64 * 1024;

    private final Topics topics;
    private final PluginActions actions;
    private final PluginRuntime runtime;
    private final DisplayCommands display;
    private final JsonMapper json;

    Commands(Topics topics, PluginActions actions, PluginRuntime runtime, DisplayService display, JsonMapper json) {
        this.topics = topics;
        this.actions = actions;
        this.runtime = runtime;
        this.display = new DisplayCommands(display, json);
        this.json = json;
    }

    CommandResult handle(String topic, byte[] payload) {
        String relative = topics.relative(topic);
        String[] parts = relative == null ? new String[0] : relative.split("/", -1);
        try {
            if (payload.length > MAX_PAYLOAD) {
                return CommandResult.problem(topic, command(parts), pluginId(parts), 413,
                        "payload too large: " + payload.length + " bytes, at most " + MAX_PAYLOAD);
            }
            String text = Payloads.utf8(payload);
            if (parts.length == 3 && parts[0].equals("display") && parts[2].equals("set")) {
                return display.run(topic, parts[1], text.strip());
            }
            if (parts.length == 4 && parts[0].equals("plugin") && parts[3].equals("set")) {
                return plugin(topic, parts[1], parts[2], text);
            }
            return CommandResult.problem(topic, null, null, 404, "no such command topic");
        } catch (Payloads.BadPayload e) {
            return CommandResult.problem(topic, command(parts), pluginId(parts), 400, e.getMessage());
        } catch (PluginException e) {
            return CommandResult.of(topic, command(parts), e);
        } catch (InvalidDisplayRequest e) {
            return CommandResult.invalid(topic, command(parts), e.violations());
        } catch (NotificationQueueFull e) {
            return CommandResult.problem(topic, command(parts), null, 429, e.getMessage());
        } catch (IllegalArgumentException e) {
            return CommandResult.problem(topic, command(parts), pluginId(parts), 400, e.getMessage());
        } catch (RuntimeException e) {
            log.error("MQTT command on {} failed", topic, e);
            return CommandResult.problem(topic, command(parts), pluginId(parts), 500,
                    "the service failed to carry out this command; see its log");
        }
    }

    private CommandResult plugin(String topic, String id, String command, String payload) {
        Payloads.requireId("topic", id);
        switch (command) {
            case "enabled" -> {
                boolean on = Payloads.onOff(payload);
                PluginState before = runtime.get(id).state().state();
                PluginView view = on ? actions.enable(id) : actions.disable(id);
                boolean changed = before != view.state().state();
                String target = on ? "enabled" : "disabled";
                return CommandResult.ok(topic, command, id, 200, changed ? target : "already " + target,
                        view.state().state());
            }
            case "update" -> {
                boolean started = actions.update(id);
                return CommandResult.ok(topic, command, id, 202,
                        started ? "update started" : "an update is already running", runtime.get(id).state().state());
            }
            case "reset" -> {
                boolean needed = actions.needsReset(id);
                PluginView view = actions.reset(id);
                return CommandResult.ok(topic, command, id, 200, needed
                        ? "error, failures and backoff cleared; the next update is due now"
                        : "nothing to reset: no error and no failed updates", view.state().state());
            }
            case "text" -> {
                PluginView view = runtime.get(id);
                if (!StatePayloads.TEXT_TYPE.equals(view.spec().type())) {
                    throw new Payloads.BadPayload("plugin '" + id + "' is of type '" + view.spec().type()
                            + "', not text: it has no message to set");
                }
                JsonNode config = runtime.config(id);
                ObjectNode changed = config.isObject() ? (ObjectNode) config : json.createObjectNode();
                changed.put("text", payload);
                PluginView after = actions.updateConfig(id, changed);
                return CommandResult.ok(topic, command, id, 200, "text set", after.state().state());
            }
            default -> {
                return CommandResult.problem(topic, command, id, 404, "unknown plugin command '" + command
                        + "' (enabled, update, reset, text)");
            }
        }
    }

    private static String command(String[] parts) {
        return parts.length == 3 ? parts[1] : parts.length == 4 ? parts[2] : null;
    }

    private static String pluginId(String[] parts) {
        return parts.length == 4 && parts[0].equals("plugin") ? parts[1] : null;
    }
}
