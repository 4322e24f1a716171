package dev.ledmatrix.plugin;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ledmatrix.plugins-dir}: where external plugin jars are found. */
@ConfigurationProperties("ledmatrix")
public record PluginProperties(@DefaultValue("./plugins") Path pluginsDir) {
}
