package dev.ledmatrix.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

/**
 * ledmatrix.mqtt.*: off by default with nothing of MQTT created, every bad value refused at start naming the
 * property, the password never shown, and the device id kept across starts.
 */
class MqttSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MqttProperties.class)
    static class PropertiesOnly {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void offByDefaultNothingOfMqttIsCreated() {
        new ApplicationContextRunner().withUserConfiguration(MqttConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(MqttService.class)).isEmpty();
            assertThat(context.getBeanNamesForType(MqttHealthIndicator.class)).isEmpty();
        });
        new ApplicationContextRunner().withPropertyValues("ledmatrix.mqtt.enabled=false")
                .withUserConfiguration(MqttConfiguration.class)
                .run(context -> assertThat(context.getBeanNamesForType(MqttService.class)).isEmpty());
    }

    @Test
    void defaults() {
        runner.withPropertyValues("ledmatrix.mqtt.enabled=true").run(context -> {
            MqttProperties p = context.getBean(MqttProperties.class);
            assertThat(p.uri().toString()).isEqualTo("tcp://localhost:1883");
            assertThat(p.port()).isEqualTo(1883);
            assertThat(p.discoveryPrefix()).isEqualTo("homeassistant");
            assertThat(p.baseTopic()).isNull();
            assertThat(p.qos()).isEqualTo(1);
            assertThat(p.tls().verifyHostname()).isTrue();
        });
        runner.withPropertyValues("ledmatrix.mqtt.enabled=true", "ledmatrix.mqtt.uri=ssl://broker.lan")
                .run(context -> assertThat(context.getBean(MqttProperties.class).port()).isEqualTo(8883));
    }

    @Test
    void badValuesStopTheStartNamingTheProperty() {
        String[][] bad = {
                {"ledmatrix.mqtt.uri=http://broker:1883", "uri"},
                {"ledmatrix.mqtt.uri=tcp://user:secret@broker:1883", "uri"},
                {"ledmatrix.mqtt.qos=3", "qos"},
                {"ledmatrix.mqtt.device-id=with space", "deviceId"},
                {"ledmatrix.mqtt.base-topic=home/#", "baseTopic"},
                {"ledmatrix.mqtt.base-topic=home/", "baseTopic"},
                {"ledmatrix.mqtt.discovery-prefix=", "discoveryPrefix"},
                {"ledmatrix.mqtt.keep-alive=0s", "durationsPositive"},
                {"ledmatrix.mqtt.password=secret", "passwordWithUser"},
        };
        for (String[] c : bad) {
            runner.withPropertyValues("ledmatrix.mqtt.enabled=true", c[0]).run(context -> {
                assertThat(context).as(c[0]).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().as(c[0]).hasMessageContaining(c[1]);
            });
        }
    }

    @Test
    void thePasswordIsNeverShown() {
        runner.withPropertyValues("ledmatrix.mqtt.enabled=true", "ledmatrix.mqtt.username=display",
                "ledmatrix.mqtt.password=hunter2-secret", "ledmatrix.mqtt.tls.trust-store-password=store-secret")
                .run(context -> {
                    String shown = context.getBean(MqttProperties.class).toString();
                    assertThat(shown).contains("display").doesNotContain("hunter2-secret").doesNotContain("store-secret");
                });
        assertThat(MqttConnection.describe(new RuntimeException("x"))).isEqualTo("RuntimeException: x");
    }

    @Test
    void theDeviceIdIsGeneratedOnceAndKept(@TempDir Path dir) throws Exception {
        String first = DeviceId.resolve(null, dir);
        assertThat(first).matches(MqttProperties.ID);
        assertThat(Files.readString(dir.resolve(DeviceId.FILE)).strip()).isEqualTo(first);
        assertThat(DeviceId.resolve(null, dir)).isEqualTo(first);
        assertThat(DeviceId.resolve("chosen", dir)).isEqualTo("chosen");
        Files.writeString(dir.resolve(DeviceId.FILE), "not valid!\n");
        assertThat(DeviceId.resolve(null, dir)).isNotEqualTo(first).matches(MqttProperties.ID);
    }
}
