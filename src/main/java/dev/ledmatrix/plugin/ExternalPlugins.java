package dev.ledmatrix.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds plugin types in the jars of {@code ledmatrix.plugins-dir}, each jar in its own class loader (parented by
 * the service's, so the SPI is shared). Jars are trusted code, but code that may be broken: every call into a jar
 * while discovering it (class loading and static initialisers, the no-argument constructor, {@code descriptor()},
 * the config schema) runs on a thread of its own, guarded against any {@link Throwable} and bounded in time. A jar
 * that fails, returns nonsense or hangs is reported with the reason and skipped; it never stops the service.
 */
final class ExternalPlugins {

    private static final Logger log = LoggerFactory.getLogger(ExternalPlugins.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ExternalPlugins() {
    }

    /** A type as discovered: the object, and what it said about itself then (never asked again). */
    record Found(Path jar, PluginType type, PluginDescriptor descriptor, JsonNode schema) {
    }

    record Failed(Path jar, String reason) {
    }

    /** A jar's types, or the first reason it is unusable. */
    private record JarResult(List<Found> found, String failure) {
    }

    record Scan(List<Found> found, List<Failed> failed, List<URLClassLoader> loaders) {
    }

    static Scan scan(Path dir, ClassLoader parent, Duration timeout) {
        List<Found> found = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            log.info("No plugin directory at {}; only built-in plugin types are available", dir.toAbsolutePath());
            return new Scan(found, failed, loaders);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            failed.add(new Failed(dir, "cannot list the plugin directory: " + e.getMessage()));
            return new Scan(found, failed, loaders);
        }
        // All jars at once, each on its own thread, so several that hang cost one timeout, not one each.
        List<URLClassLoader> opened = new ArrayList<>();
        List<Discovery> results = new ArrayList<>();
        for (Path jar : jars) {
            URLClassLoader loader = open(jar, failed);
            opened.add(loader);
            results.add(loader == null ? null : discover(jar, loader));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < jars.size(); i++) {
            Path jar = jars.get(i);
            URLClassLoader loader = opened.get(i);
            if (loader == null) {
                continue;
            }
            JarResult result = await(results.get(i), deadline, timeout);
            if (result.failure() != null) {
                failed.add(new Failed(jar, result.failure()));
                close(loader);
            } else if (result.found().isEmpty()) {
                failed.add(new Failed(jar, "declares no plugin type: it needs a file META-INF/services/"
                        + PluginType.class.getName() + " naming its type class"));
                close(loader);
            } else {
                found.addAll(result.found());
                loaders.add(loader);
            }
        }
        return new Scan(found, failed, loaders);
    }

    private static URLClassLoader open(Path jar, List<Failed> failed) {
        try (JarFile readable = new JarFile(jar.toFile())) {
            // Opened only to check: a class loader silently skips a file that is not a zip, which would then be
            // reported as "declares no types" instead of as the broken file it is.
        } catch (IOException | RuntimeException e) {
            failed.add(new Failed(jar, "not a readable jar file: " + e.getMessage()));
            return null;
        }
        try {
            return new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    PluginType.class.getClassLoader());
        } catch (IOException | RuntimeException e) {
            failed.add(new Failed(jar, "cannot open: " + e.getMessage()));
            return null;
        }
    }

    /** One jar's discovery in progress. */
    private record Discovery(CompletableFuture<JarResult> result, Thread thread) {
    }

    /** Discovers the jar's types on a daemon platform thread (a hung one must neither hold a carrier nor exit). */
    private static Discovery discover(Path jar, URLClassLoader loader) {
        CompletableFuture<JarResult> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().name("plugin-discovery-" + jar.getFileName()).unstarted(() -> {
            try {
                result.complete(typesOf(jar, loader));
            } catch (Throwable t) { // plugin code: anything at all, StackOverflowError and ThreadDeath included
                result.complete(new JarResult(List.of(), describe(t)));
            }
        });
        thread.setContextClassLoader(loader);
        thread.start();
        return new Discovery(result, thread);
    }

    private static JarResult await(Discovery discovery, long deadline, Duration timeout) {
        try {
            return discovery.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Interrupting is all that can be done; a thread that ignores it hangs on as a daemon, unused.
            discovery.thread().interrupt();
            return new JarResult(List.of(), "did not finish loading within " + timeout.toMillis() / 1000.0
                    + " s (ledmatrix.plugin-load-timeout): its static initialisation, constructor, descriptor() or "
                    + "config schema hangs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JarResult(List.of(), "loading was interrupted");
        } catch (ExecutionException e) {
            return new JarResult(List.of(), describe(e.getCause()));
        }
    }

    private static JarResult typesOf(Path jar, URLClassLoader loader) {
        List<Found> fromJar = new ArrayList<>();
        Iterator<ServiceLoader.Provider<PluginType>> providers = ServiceLoader.load(PluginType.class, loader).stream()
                .iterator();
        while (true) {
            ServiceLoader.Provider<PluginType> provider;
            Class<? extends PluginType> typeClass;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
                typeClass = provider.type();
            } catch (Throwable t) {
                return new JarResult(List.of(), describe(t));
            }
            if (typeClass.getClassLoader() != loader) {
                continue; // the parent's own types, visible through delegation
            }
            String name = typeClass.getName();
            PluginType type;
            try {
                type = provider.get();
            } catch (Throwable t) {
                return new JarResult(List.of(), "type " + name + " cannot be created: " + describe(t));
            }
            if (type == null) {
                return new JarResult(List.of(), "type " + name + " was created as null");
            }
            PluginDescriptor descriptor;
            try {
                descriptor = type.descriptor();
            } catch (Throwable t) {
                return new JarResult(List.of(), "type " + name + " failed in descriptor(): " + describe(t));
            }
            if (descriptor == null) {
                return new JarResult(List.of(), "type " + name + " returned no descriptor (null)");
            }
            JsonNode schema;
            try {
                schema = checkedSchema(descriptor.configSchema());
            } catch (Throwable t) {
                return new JarResult(List.of(), "type " + name + " ('" + descriptor.id() + "') has an unusable "
                        + "config schema: " + describe(t));
            }
            fromJar.add(new Found(jar, type, descriptor, schema));
        }
        return new JarResult(fromJar, null);
    }

    /** The schema as JSON: a JSON object that the validator accepts as a draft 2020-12 schema. */
    static JsonNode checkedSchema(String text) {
        JsonNode schema;
        try {
            schema = JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        // Compiles it and tries it once on an empty config, so a schema the validator cannot use fails here.
        SCHEMAS.getSchema(schema).validate(JSON.createObjectNode());
        return schema;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getName()
                : firstLine(e.getMessage()) + " (" + e.getClass().getSimpleName() + ")";
        return root == e ? message : message + " (caused by " + root.getClass().getName()
                + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
