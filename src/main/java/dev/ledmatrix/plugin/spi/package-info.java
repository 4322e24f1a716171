/**
 * What a plugin author writes against: a {@link dev.ledmatrix.plugin.spi.PluginType} (found by
 * {@link java.util.ServiceLoader} in a jar under {@code ledmatrix.plugins-dir}) creates
 * {@link dev.ledmatrix.plugin.spi.Plugin}s, one per configured instance.
 */
package dev.ledmatrix.plugin.spi;
