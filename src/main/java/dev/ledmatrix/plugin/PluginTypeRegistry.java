package dev.ledmatrix.plugin;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;

/** Every plugin type the service knows: the built-in beans, then those found in external jars. */
@Component
public class PluginTypeRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginTypeRegistry.class);

    /** A jar under the plugins directory that could not be used, and why. */
    public record FailedJar(String jar, String reason) {
    }

    private final Map<String, PluginType> types = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<FailedJar> failedJars;
    private final List<URLClassLoader> loaders;

    public PluginTypeRegistry(List<PluginType> builtIns, PluginProperties properties) {
        for (PluginType type : builtIns) {
            register(type, "built-in");
        }
        Path dir = properties.pluginsDir();
        ExternalPlugins.Scan scan = ExternalPlugins.scan(dir, PluginType.class.getClassLoader());
        for (ExternalPlugins.Found found : scan.found()) {
            String id = found.type().descriptor().id();
            if (types.containsKey(id)) {
                log.error("Plugin jar {} declares type '{}', which {} already provides; skipped", found.jar(), id,
                        sources.get(id));
                continue;
            }
            register(found.type(), found.jar().getFileName().toString());
        }
        this.failedJars = scan.failed().stream()
                .map(f -> new FailedJar(f.jar().getFileName().toString(), f.reason()))
                .toList();
        failedJars.forEach(f -> log.error("Plugin jar {} skipped: {}", f.jar(), f.reason()));
        this.loaders = scan.loaders();
        log.info("Plugin types: {}", types.keySet());
    }

    private void register(PluginType type, String source) {
        PluginDescriptor d = type.descriptor();
        types.put(d.id(), type);
        sources.put(d.id(), source);
    }

    public Optional<PluginType> find(String typeId) {
        return Optional.ofNullable(types.get(typeId));
    }

    public Collection<PluginType> all() {
        return List.copyOf(types.values());
    }

    /** Where a type came from: {@code built-in} or the jar's file name. */
    public String sourceOf(String typeId) {
        return sources.get(typeId);
    }

    public List<FailedJar> failedJars() {
        return failedJars;
    }

    @Override
    public void destroy() {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                log.debug("Closing {} failed: {}", loader.getName(), e.toString());
            }
        }
    }
}
