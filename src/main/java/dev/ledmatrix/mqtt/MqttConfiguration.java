package dev.ledmatrix.mqtt;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.plugin.PluginActions;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginSecrets;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.storage.DataDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires MQTT when {@code ledmatrix.mqtt.enabled=true}; otherwise none of this package is created or even loaded
 * (the HiveMQ client's classes included), so the service runs exactly as without it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("ledmatrix.mqtt.enabled")
class MqttConfiguration {

    @Bean
    MqttService mqttService(MqttProperties properties, DataDirectory dataDirectory, DisplayService display,
            PluginRuntime runtime, PluginActions actions, PluginStateManager states, PluginSecrets secrets,
            JsonMapper json, MeterRegistry registry, Clock clock) {
        String deviceId = DeviceId.resolve(properties.deviceId(), dataDirectory.dataDir());
        Topics topics = new Topics(properties.baseTopic() != null ? properties.baseTopic() : "ledmatrix/" + deviceId,
                properties.discoveryPrefix(), deviceId);
        String clientId = properties.clientId() != null ? properties.clientId() : "ledmatrix-" + deviceId;
        MqttConnection connection = new MqttConnection(properties, topics, clientId, registry, clock);
        String version = MqttConfiguration.class.getPackage().getImplementationVersion();
        Discovery discovery = new Discovery(topics, json, properties.deviceName(), version == null ? "dev" : version,
                properties.qos());
        StatePayloads payloads = new StatePayloads(json);
        // Plugin state goes out as the anonymous API shows it: secrets masked.
        UnaryOperator<PluginView> masking = secrets::masked;
        StatePublisher publisher = new StatePublisher(topics, display, runtime, states, payloads, discovery,
                connection, masking, properties.minPublishInterval());
        Commands commands = new Commands(topics, actions, runtime, display, json);
        return new MqttService(topics, connection, publisher, commands, json);
    }

    /** Health component {@code mqtt} (named after this bean). */
    @Bean
    MqttHealthIndicator mqttHealthIndicator(MqttService service, MqttProperties properties) {
        return new MqttHealthIndicator(service, properties.uri().toString());
    }
}
