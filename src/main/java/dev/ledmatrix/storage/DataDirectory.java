package dev.ledmatrix.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledmatrix.data-dir}: where plugin instances, their config, brightness and the generated API token
 * are kept.
 */
@ConfigurationProperties("ledmatrix")
public record DataDirectory(@DefaultValue("./data") Path dataDir) {

    /** A path inside the data directory. */
    public Path resolve(String name) {
        return dataDir.resolve(name);
    }
}
