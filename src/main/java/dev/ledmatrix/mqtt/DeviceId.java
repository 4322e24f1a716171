package dev.ledmatrix.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.storage.AtomicFiles;

/**
 * This display's id towards the broker and Home Assistant: {@code ledmatrix.mqtt.device-id} if set, otherwise one
 * generated at the first start with MQTT on and kept in {@code <data-dir>/mqtt-device-id}, so a recreated container
 * (same data volume) stays the same device in Home Assistant.
 */
final class DeviceId {

    private static final Logger log = LoggerFactory.getLogger(DeviceId.class);
    static final String FILE = "mqtt-device-id";

    private DeviceId() {
    }

    static String resolve(String configured, Path dataDir) {
        if (configured != null) {
            return configured;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (MqttProperties.ID_PATTERN.matcher(stored).matches()) {
                    return stored;
                }
                log.warn("{} holds no valid device id ('{}'); generating a new one, so Home Assistant will see a "
                        + "new device", file.toAbsolutePath(), stored);
            }
            byte[] random = new byte[5];
            new SecureRandom().nextBytes(random);
            String id = HexFormat.of().formatHex(random);
            Files.createDirectories(dataDir);
            AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
            log.info("MQTT device id {} generated and kept in {}", id, file.toAbsolutePath());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the MQTT device id in " + file.toAbsolutePath()
                    + "; set ledmatrix.mqtt.device-id instead", e);
        }
    }
}
