package dev.ledmatrix.plugin.spi;

import java.time.Clock;

/**
 * What a plugin gets when it is created.
 *
 * @param instanceId the id of the instance being created
 * @param config     its validated config
 * @param clock      the service's clock; use it instead of the system clock so tests can control time
 */
public record PluginContext(String instanceId, PluginConfig config, Clock clock) {
}
