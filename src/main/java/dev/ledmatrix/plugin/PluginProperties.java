package dev.ledmatrix.plugin;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledmatrix.plugins-dir}: where external plugin jars are found; {@code ledmatrix.plugin-load-timeout}: how
 * long the jars together may take to be discovered (their static initialisers, constructors, descriptors and
 * schemas) before those still busy are reported as failed and start-up goes on without them.
 */
@ConfigurationProperties("ledmatrix")
public record PluginProperties(@DefaultValue("./plugins") Path pluginsDir,
        @DefaultValue("10s") Duration pluginLoadTimeout) {

    @ConstructorBinding
    public PluginProperties {
        if (pluginLoadTimeout.isNegative() || pluginLoadTimeout.isZero()) {
            throw new IllegalArgumentException("ledmatrix.plugin-load-timeout must be positive, got "
                    + pluginLoadTimeout);
        }
    }

    public PluginProperties(Path pluginsDir) {
        this(pluginsDir, Duration.ofSeconds(10));
    }
}
