package dev.ledmatrix.plugin.spi;

/**
 * A kind of plugin: code plus a description. Register one in a jar with
 * {@code META-INF/services/dev.ledmatrix.plugin.spi.PluginType}; it needs a public no-argument constructor.
 */
public interface PluginType {

    /** Id, name, version, defaults and the JSON Schema of the config. */
    PluginDescriptor descriptor();

    /**
     * Creates one instance. The config has already been validated against the schema. Throwing here puts the
     * instance in state {@code error} with the exception's message.
     */
    Plugin create(PluginContext context) throws Exception;
}
