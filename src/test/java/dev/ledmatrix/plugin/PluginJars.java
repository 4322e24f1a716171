package dev.ledmatrix.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.ledmatrix.plugin.spi.PluginType;

/**
 * Builds plugin jars as an author would: javac against the service's classes, then a jar with a services file.
 * Public for the web tests, which serve the example plugin's type to the live page.
 */
public final class PluginJars {

    static final String SERVICES = "META-INF/services/" + PluginType.class.getName();

    private PluginJars() {
    }

    /** Compiles every .java file under {@code sourceRoot} into {@code classes}; fails with javac's messages. */
    public static void compile(Path sourceRoot, Path classes) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Files.createDirectories(classes);
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of("--release", "25", "-classpath", serviceClassPath(), "-d",
                    classes.toString(), "-proc:none");
            if (!javac.getTask(messages, files, null, options, null, units).call()) {
                throw new IllegalStateException("javac failed:\n" + messages);
            }
        }
    }

    /** Compiles Java sources given as text (file path relative to the source root, e.g. a/B.java → source). */
    static void compile(Map<String, String> sources, Path work, Path classes) throws IOException {
        Path root = work.resolve("src");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = root.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        compile(root, classes);
    }

    /** Packs the files under each root into {@code jar}, keeping their relative paths. */
    public static Path jar(Path jar, Path... roots) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : roots) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** Writes a services file naming {@code classNames} under {@code root}. */
    static Path services(Path root, String... classNames) throws IOException {
        Path file = root.resolve(SERVICES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", classNames) + "\n");
        return root;
    }

    static void write(Path file, String text) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the SPI, graphics and their dependencies are, wherever the test runs from (IDE or Surefire). */
    private static String serviceClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(PluginType.class, tools.jackson.databind.JsonNode.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        entries.addAll(new ArrayList<>(List.of(System.getProperty("java.class.path").split(
                java.io.File.pathSeparator))));
        return String.join(java.io.File.pathSeparator, entries);
    }
}
