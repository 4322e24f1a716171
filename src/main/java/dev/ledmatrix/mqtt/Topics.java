package dev.ledmatrix.mqtt;

/**
 * Every topic this service uses, derived from the base topic {@code B} (default {@code ledmatrix/<device-id>}):
 *
 * <ul>
 *   <li>{@code B/status} {@code online}/{@code offline}, retained, the last will</li>
 *   <li>{@code B/display/state} the display as JSON, retained</li>
 *   <li>{@code B/plugin/<id>/state} one plugin as JSON, retained</li>
 *   <li>{@code B/display/<command>/set}, {@code B/plugin/<id>/<command>/set} commands in</li>
 *   <li>{@code B/result} the outcome of each command, not retained</li>
 *   <li>{@code <prefix>/<component>/<device-id>/<object>/config} Home Assistant discovery, retained</li>
 * </ul>
 *
 * @param base            the base topic
 * @param discoveryPrefix Home Assistant's discovery prefix
 * @param deviceId        node id of the discovery topics
 */
record Topics(String base, String discoveryPrefix, String deviceId) {

    static final String SET = "/set";

    String availability() {
        return base + "/status";
    }

    String display() {
        return base + "/display/state";
    }

    String displayCommand(String command) {
        return base + "/display/" + command + SET;
    }

    String plugin(String pluginId) {
        return base + "/plugin/" + pluginId + "/state";
    }

    String pluginCommand(String pluginId, String command) {
        return base + "/plugin/" + pluginId + "/" + command + SET;
    }

    String result() {
        return base + "/result";
    }

    /** Subscriptions for commands: {@code B/display/+/set} and {@code B/plugin/+/+/set}. */
    String displayCommands() {
        return base + "/display/+" + SET;
    }

    String pluginCommands() {
        return base + "/plugin/+/+" + SET;
    }

    /** Where Home Assistant announces itself ({@code online}) after it starts. */
    String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }

    String discovery(String component, String objectId) {
        return discoveryPrefix + "/" + component + "/" + deviceId + "/" + objectId + "/config";
    }

    /** Every discovery config of this device, to find stale ones left by an earlier run. */
    String ownDiscoveryConfigs() {
        return discoveryPrefix + "/+/" + deviceId + "/+/config";
    }

    String ownPluginStates() {
        return base + "/plugin/+/state";
    }

    /** The part of a command topic after the base, e.g. {@code plugin/clock/enabled/set}; null if not ours. */
    String relative(String topic) {
        return topic.startsWith(base + "/") ? topic.substring(base.length() + 1) : null;
    }
}
