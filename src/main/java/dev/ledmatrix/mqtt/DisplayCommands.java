package dev.ledmatrix.mqtt;

import java.time.Duration;
import java.time.Instant;

import dev.ledmatrix.display.DisplayPower;
import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.display.Notification;
import dev.ledmatrix.display.NotificationRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The display's commands ({@code B/display/<command>/set}), through {@link DisplayService} as the REST API. */
final class DisplayCommands {

    /** The REST API's bounds for a pin's duration. */
    static final Duration MIN_PIN = Duration.ofSeconds(1);
    static final Duration MAX_PIN = Duration.ofDays(7);

    private final DisplayService display;
    private final JsonMapper json;

    DisplayCommands(DisplayService display, JsonMapper json) {
        this.display = display;
        this.json = json;
    }

    /** {@code B/display/<command>/set} with the payload (stripped). */
    CommandResult run(String topic, String command, String payload) {
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
                throw new Payloads.BadPayload("on: is required: true or false");
            }
            power = display.setPower(request.on(), request.until());
        } else if (payload.equalsIgnoreCase("AUTO")) {
            power = display.clearPowerOverride();
        } else {
            power = display.setPower(Payloads.onOff(payload), null);
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
            throw new Payloads.BadPayload("payload: " + e.getOriginalMessage());
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
            JsonNode body = Payloads.object(json, payload);
            JsonNode id = body.path("pluginId");
            if (!id.isString()) {
                throw new Payloads.BadPayload("pluginId: is required (a plugin id)");
            }
            pluginId = id.asString();
            JsonNode seconds = body.path("duration");
            if (!seconds.isMissingNode() && !seconds.isNull()) {
                if (!seconds.isNumber()) {
                    throw new Payloads.BadPayload("duration: must be a number of seconds");
                }
                double value = seconds.asDouble();
                if (!(value >= MIN_PIN.toSeconds() && value <= MAX_PIN.toSeconds())) {
                    throw new Payloads.BadPayload("duration: must be between " + MIN_PIN.toSeconds() + " and "
                            + MAX_PIN.toSeconds() + " seconds, or left out to pin until unpinned");
                }
                duration = Duration.ofMillis(Math.round(value * 1000));
            }
            for (var it = body.propertyNames().iterator(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals("pluginId") && !name.equals("duration")) {
                    throw new Payloads.BadPayload(name + ": unknown field (pluginId, duration)");
                }
            }
        } else {
            pluginId = payload;
        }
        Payloads.requireId("pluginId", pluginId);
        var pin = display.pin(pluginId, duration);
        return CommandResult.ok(topic, "pin", pluginId, 200,
                "pinned" + (pin.until() == null ? " until unpinned" : " until " + pin.until()), null);
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
        throw new Payloads.BadPayload("brightness: must be a whole number from 1 to 100, got '" + Payloads.abbreviate(payload) + "'");
    }
}
