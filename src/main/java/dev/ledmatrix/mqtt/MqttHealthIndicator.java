package dev.ledmatrix.mqtt;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health component {@code mqtt}: UP while connected; DEGRADED (still HTTP 200) while the broker is unreachable or
 * refuses the credentials, with why. MQTT is an extra: its trouble never makes the service DOWN or unready.
 */
final class MqttHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Not connected to the MQTT broker; see lastError");

    private final MqttService service;
    private final String broker;

    MqttHealthIndicator(MqttService service, String broker) {
        this.service = service;
        this.broker = broker;
    }

    @Override
    public Health health() {
        MqttConnection.Status status = service.status();
        Health.Builder health = Health.status(status.connected() ? Status.UP : DEGRADED)
                .withDetail("broker", broker)
                .withDetail("connected", status.connected())
                .withDetail("since", status.since().toString())
                .withDetail("baseTopic", service.topics().base())
                .withDetail("discoveryPrefix", service.topics().discoveryPrefix())
                .withDetail("reconnects", status.reconnects());
        if (!status.connected()) {
            health.withDetail("lastError", status.lastError()).withDetail("failedAttempts", status.failedAttempts());
        }
        return health.build();
    }
}
