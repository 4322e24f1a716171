package dev.ledmatrix.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.display.DisplayPower;
import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.display.InvalidDisplayRequest;
import dev.ledmatrix.display.Notification;
import dev.ledmatrix.display.NotificationQueueFull;
import dev.ledmatrix.display.NotificationRequest;
import dev.ledmatrix.plugin.PluginActions;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;
import tools.jackson.core.JacksonException;
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
    /** The REST API's bounds for a pin's duration. */
    static final Duration MIN_PIN = Duration.ofSeconds(1);
    static final Duration MAX_PIN = Duration.ofDays(7);

    /** Plugin ids as the REST API accepts them (InstanceSpec's pattern); anything else is a 400 there too. */
    static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Topics topics;
    private final PluginActions actions;
    private final PluginRuntime runtime;
    private final DisplayService display;
    private final JsonMapper json;

    Commands(Topics topics, PluginActions actions, PluginRuntime runtime, DisplayService display, JsonMapper json) {
        this.topics = topics;
        this.actions = actions;
        this.runtime = runtime;
        this.display = display;
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
            String text = utf8(payload);
            if (parts.length == 3 && parts[0].equals("display") && parts[2].equals("set")) {
                return display(topic, parts[1], text.strip());
            }
            if (parts.length == 4 && parts[0].equals("plugin") && parts[3].equals("set")) {
                return plugin(topic, parts[1], parts[2], text);
            }
            return CommandResult.problem(topic, null, null, 404, "no such command topic");
        } catch (BadPayload e) {
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

    private CommandResult display(String topic, String command, String payload) {
        switch (command) {
            case "brightness" -> {
                int value = brightness(payload);
                display.setBrightness(value);
                return CommandResult.ok(topic, command, null, 200, "brightness " + value, null);
            }
            case "pin" -> {
                return pin(topic, payload);
            }
            case "power" -> {
                return power(topic, payload);
            }
            case "notify" -> {
                return notify(topic, payload);
            }
            default -> {
                return CommandResult.problem(topic, command, null, 404, "unknown display command '" + command
                        + "' (power, brightness, pin, notify)");
            }
        }
    }

    private CommandResult power(String topic, String payload) {
        DisplayPower power;
        if (payload.startsWith("{")) {
            PowerRequest request = bind(payload, PowerRequest.class);
            if (request.on() == null) {
                throw new BadPayload("on: is required: true or false");
            }
            power = display.setPower(request.on(), request.until());
        } else if (payload.equalsIgnoreCase("AUTO")) {
            power = display.clearPowerOverride();
        } else {
            power = display.setPower(onOff(payload), null);
        }
        return CommandResult.ok(topic, "power", null, 200, (power.on() ? "on" : "off")
                + (power.until() == null ? "" : " until " + power.until()) + (power.manual() ? " (by hand)" : ""), null);
    }

    private CommandResult notify(String topic, String payload) {
        NotificationRequest request = payload.startsWith("{") ? bind(payload, NotificationRequest.class)
                : new NotificationRequest(payload, null, null, null, null);
        Notification notification = display.notify(request);
        return CommandResult.ok(topic, "notify", null, 202, "notification " + notification.id() + " queued", null);
    }

    /** Binds JSON exactly as the REST API binds its bodies (same mapper: unknown fields and wrong types refused). */
    private <T> T bind(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (JacksonException e) {
            throw new BadPayload("payload: " + e.getOriginalMessage());
        }
    }

    /** Body of the power command, as {@code PUT /api/v1/display/power}. */
    record PowerRequest(Boolean on, Instant until) {
    }

    private CommandResult pin(String topic, String payload) {
        if (payload.isEmpty() || payload.equalsIgnoreCase(StatePayloads.NONE)) {
            display.unpin();
            return CommandResult.ok(topic, "pin", null, 200, "unpinned", null);
        }
        String pluginId;
        Duration duration = null;
        if (payload.startsWith("{")) {
            JsonNode body = parse(payload);
            JsonNode id = body.path("pluginId");
            if (!id.isString()) {
                throw new BadPayload("pluginId: is required (a plugin id)");
            }
            pluginId = id.asString();
            JsonNode seconds = body.path("duration");
            if (!seconds.isMissingNode() && !seconds.isNull()) {
                if (!seconds.isNumber()) {
                    throw new BadPayload("duration: must be a number of seconds");
                }
                double value = seconds.asDouble();
                if (!(value >= MIN_PIN.toSeconds() && value <= MAX_PIN.toSeconds())) {
                    throw new BadPayload("duration: must be between " + MIN_PIN.toSeconds() + " and "
                            + MAX_PIN.toSeconds() + " seconds, or left out to pin until unpinned");
                }
                duration = Duration.ofMillis(Math.round(value * 1000));
            }
            for (var it = body.propertyNames().iterator(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals("pluginId") && !name.equals("duration")) {
                    throw new BadPayload(name + ": unknown field (pluginId, duration)");
                }
            }
        } else {
            pluginId = payload;
        }
        requireId("pluginId", pluginId);
        var pin = display.pin(pluginId, duration);
        return CommandResult.ok(topic, "pin", pluginId, 200,
                "pinned" + (pin.until() == null ? " until unpinned" : " until " + pin.until()), null);
    }

    private CommandResult plugin(String topic, String id, String command, String payload) {
        requireId("topic", id);
        switch (command) {
            case "enabled" -> {
                boolean on = onOff(payload);
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
                    throw new BadPayload("plugin '" + id + "' is of type '" + view.spec().type()
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

    private static void requireId(String field, String id) {
        if (!PLUGIN_ID.matcher(id).matches()) {
            throw new BadPayload(field + ": '" + abbreviate(id) + "' is not a plugin id (lower-case letters, digits "
                    + "and '-', at most 63)");
        }
    }

    private static int brightness(String payload) {
        try {
            int value = Integer.parseInt(payload);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw new BadPayload("brightness: must be a whole number from 1 to 100, got '" + abbreviate(payload) + "'");
    }

    private static boolean onOff(String payload) {
        return switch (payload.strip().toUpperCase(Locale.ROOT)) {
            case "ON", "TRUE", "1" -> true;
            case "OFF", "FALSE", "0" -> false;
            default -> throw new BadPayload("payload: must be ON or OFF, got '" + abbreviate(payload) + "'");
        };
    }

    private JsonNode parse(String payload) {
        try {
            JsonNode node = json.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new BadPayload("payload: must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadPayload("payload: malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new BadPayload("payload: must be UTF-8 text");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String command(String[] parts) {
        return parts.length == 3 ? parts[1] : parts.length == 4 ? parts[2] : null;
    }

    private static String pluginId(String[] parts) {
        return parts.length == 4 && parts[0].equals("plugin") ? parts[1] : null;
    }

    /** A payload that cannot be a valid command: answered with 400, nothing done. */
    static final class BadPayload extends RuntimeException {
        BadPayload(String message) {
            super(message, null, false, false);
        }
    }
}
