package dev.ledmatrix.plugin.process;

import java.nio.file.Path;
import java.util.List;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;

/** A plugin type declared by a {@code plugin.json}; each instance is a {@link ProcessPlugin}. */
public final class ProcessPluginType implements PluginType {

    private final Manifest manifest;
    private final ProcessSupervisor supervisor;

    ProcessPluginType(Manifest manifest, ProcessSupervisor supervisor) {
        this.manifest = manifest;
        this.supervisor = supervisor;
    }

    @Override
    public PluginDescriptor descriptor() {
        return manifest.descriptor();
    }

    /** The plugin's folder. */
    public Path directory() {
        return manifest.directory();
    }

    /** The command as the manifest gives it (program resolved inside the folder). */
    public List<String> command() {
        return manifest.command();
    }

    @Override
    public Plugin create(PluginContext context) {
        // No process yet: it starts when the instance is enabled.
        return new ProcessPlugin(context.instanceId(), manifest, supervisor, context.config());
    }
}
