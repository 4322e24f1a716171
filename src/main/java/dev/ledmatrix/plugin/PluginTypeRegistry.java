package dev.ledmatrix.plugin;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.process.ProcessPluginType;
import dev.ledmatrix.plugin.process.ProcessPluginTypes;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import tools.jackson.databind.JsonNode;

/**
 * Every plugin type the service knows: the built-in beans, then those found in external jars, then process plugins
 * (folders with a {@code plugin.json}).
 */
@Component
public class PluginTypeRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginTypeRegistry.class);

    /** A jar (or a process plugin's {@code <folder>/plugin.json}) that could not be used, and why. */
    public record FailedJar(String jar, String reason) {
    }

    private final Map<String, PluginType> types = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();
    private final List<FailedJar> failedJars;
    private final List<URLClassLoader> loaders;

    public PluginTypeRegistry(List<PluginType> builtIns, PluginProperties properties) {
        this(builtIns, properties, null);
    }

    @Autowired
    public PluginTypeRegistry(List<PluginType> builtIns, PluginProperties properties, ProcessPluginTypes processTypes) {
        for (PluginType type : builtIns) {
            PluginDescriptor d = type.descriptor();
            register(type, d, ExternalPlugins.checkedSchema(d.configSchema()), "built-in");
        }
        Path dir = properties.pluginsDir();
        ExternalPlugins.Scan scan = ExternalPlugins.scan(dir, PluginType.class.getClassLoader(),
                properties.pluginLoadTimeout());
        List<FailedJar> failed = new ArrayList<>();
        scan.failed().forEach(f -> failed.add(new FailedJar(f.jar().getFileName().toString(), f.reason())));
        Set<ClassLoader> used = new HashSet<>();
        for (ExternalPlugins.Found found : scan.found()) {
            String id = found.descriptor().id();
            String jar = found.jar().getFileName().toString();
            if (types.containsKey(id)) {
                // Listed, not just logged: an operator who dropped in the jar must see why its type is missing.
                failed.add(alreadyProvided(jar, id));
                continue;
            }
            register(new Described(found.type(), found.descriptor()), found.descriptor(), found.schema(), jar);
            used.add(found.type().getClass().getClassLoader());
        }
        if (processTypes != null) {
            ProcessPluginTypes.Scan processes = processTypes.scan(dir);
            processes.failures().forEach(f -> failed.add(new FailedJar(f.source(), f.reason())));
            for (ProcessPluginType type : processes.types()) {
                String id = type.descriptor().id();
                String source = ProcessPluginTypes.sourceOf(type);
                if (types.containsKey(id)) {
                    failed.add(alreadyProvided(source, id));
                    continue;
                }
                PluginDescriptor d = type.descriptor();
                JsonNode schema;
                try {
                    schema = ExternalPlugins.checkedSchema(d.configSchema());
                } catch (RuntimeException e) {
                    failed.add(new FailedJar(source, "has an unusable config schema: " + e.getMessage()));
                    continue;
                }
                register(type, d, schema, source);
            }
        }
        this.failedJars = List.copyOf(failed);
        failedJars.forEach(f -> log.error("Plugin {} skipped: {}", f.jar(), f.reason()));
        // A jar none of whose types was registered keeps no class loader open.
        this.loaders = scan.loaders().stream().filter(l -> {
            if (used.contains(l)) {
                return true;
            }
            close(l);
            return false;
        }).toList();
        log.info("Plugin types: {}", types.keySet());
    }

    private void register(PluginType type, PluginDescriptor d, JsonNode schema, String source) {
        types.put(d.id(), type);
        sources.put(d.id(), source);
        schemas.put(d.id(), schema);
    }

    /**
     * An external type with the descriptor it gave when it was discovered: nothing asks its code for it again,
     * so a descriptor() that changes its mind, slows down or throws later cannot break the API.
     */
    private record Described(PluginType type, PluginDescriptor descriptor) implements PluginType {
        @Override
        public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext context) throws Exception {
            return type.create(context);
        }
    }

    /** The class loader of the type's own code: its jar's for an external type. */
    public Optional<ClassLoader> classLoaderOf(String typeId) {
        return find(typeId).map(t -> (t instanceof Described d ? d.type() : t).getClass().getClassLoader());
    }

    /** The type's config schema as parsed (and checked) when it was registered; null for an unknown type. */
    public JsonNode schemaOf(String typeId) {
        JsonNode schema = schemas.get(typeId);
        return schema == null ? null : schema.deepCopy();
    }

    private FailedJar alreadyProvided(String source, String id) {
        return new FailedJar(source, "declares plugin type '" + id + "', which " + describeSource(id)
                + " already provides; its type was skipped");
    }

    private String describeSource(String id) {
        String source = sources.get(id);
        return "built-in".equals(source) ? "a built-in type" : source;
    }

    public Optional<PluginType> find(String typeId) {
        return Optional.ofNullable(types.get(typeId));
    }

    public Collection<PluginType> all() {
        return List.copyOf(types.values());
    }

    /** Where a type came from: {@code built-in}, the jar's file name, or {@code <folder>/plugin.json}. */
    public String sourceOf(String typeId) {
        return sources.get(typeId);
    }

    public List<FailedJar> failedJars() {
        return failedJars;
    }

    @Override
    public void destroy() {
        loaders.forEach(PluginTypeRegistry::close);
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            log.debug("Closing {} failed: {}", loader.getName(), e.toString());
        }
    }
}
