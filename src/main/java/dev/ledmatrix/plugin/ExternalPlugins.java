package dev.ledmatrix.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.plugin.spi.PluginType;

/**
 * Finds plugin types in the jars of {@code ledmatrix.plugins-dir}, each jar in its own class loader (parented by
 * the service's, so the SPI is shared). A jar that cannot be read or whose types fail is reported and skipped.
 */
final class ExternalPlugins {

    private static final Logger log = LoggerFactory.getLogger(ExternalPlugins.class);

    private ExternalPlugins() {
    }

    record Found(Path jar, PluginType type) {
    }

    record Failed(Path jar, String reason) {
    }

    /** A type that loaded but cannot describe itself; its message already says everything. */
    private static final class BrokenType extends RuntimeException {
        BrokenType(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Scan(List<Found> found, List<Failed> failed, List<URLClassLoader> loaders) {
    }

    static Scan scan(Path dir, ClassLoader parent) {
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
        for (Path jar : jars) {
            loadJar(jar, parent, found, failed, loaders);
        }
        return new Scan(found, failed, loaders);
    }

    private static void loadJar(Path jar, ClassLoader parent, List<Found> found, List<Failed> failed,
            List<URLClassLoader> loaders) {
        try (JarFile readable = new JarFile(jar.toFile())) {
            // Opened only to check: a class loader silently skips a file that is not a zip, which would then be
            // reported as "declares no types" instead of as the broken file it is.
        } catch (IOException e) {
            failed.add(new Failed(jar, "not a readable jar file: " + e.getMessage()));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (IOException e) {
            failed.add(new Failed(jar, "cannot open: " + e.getMessage()));
            return;
        }
        List<Found> fromJar = new ArrayList<>();
        try {
            // Only types that come from this jar: the parent's own types are visible through delegation.
            ServiceLoader.load(PluginType.class, loader).stream()
                    .filter(p -> p.type().getClassLoader() == loader)
                    .forEach(p -> {
                        PluginType type = p.get();
                        try {
                            type.descriptor(); // a type whose descriptor fails is as broken as one that fails to load
                        } catch (RuntimeException | LinkageError e) {
                            throw new BrokenType("type " + p.type().getName() + " failed in descriptor(): "
                                    + describe(e), e);
                        }
                        fromJar.add(new Found(jar, type));
                    });
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            failed.add(new Failed(jar, e instanceof BrokenType ? e.getMessage() : describe(e)));
            close(loader);
            return;
        }
        if (fromJar.isEmpty()) {
            failed.add(new Failed(jar, "declares no plugin type: it needs a file META-INF/services/"
                    + PluginType.class.getName() + " naming its type class"));
            close(loader);
            return;
        }
        found.addAll(fromJar);
        loaders.add(loader);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage();
        return root == e ? message : message + " (caused by " + root + ")";
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
