package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.graphics.TextOnCanvas;
import dev.ledmatrix.plugin.PluginTypeRegistry.FailedJar;
import dev.ledmatrix.plugin.builtin.BuiltinTypes;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.json.JsonMapper;

/**
 * External plugin jars, built for real with javac: the example from {@code examples/hello-plugin} loads in its own
 * class loader and runs; every kind of broken jar is listed with its reason and never stops the others.
 */
class ExternalPluginsTest {

    static final Path EXAMPLE = Path.of("examples", "hello-plugin", "src", "main");

    /** Compiled once for the class: javac is the slow part. */
    @TempDir
    static Path build;
    static Path helloJar;
    static Path brokenClasses;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void buildJars() throws IOException {
        Path helloClasses = build.resolve("hello-classes");
        PluginJars.compile(EXAMPLE.resolve("java"), helloClasses);
        helloJar = PluginJars.jar(build.resolve("out/hello-plugin.jar"), helloClasses, EXAMPLE.resolve("resources"));

        brokenClasses = build.resolve("broken-classes");
        String typeBody = """
                public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() {
                    return new dev.ledmatrix.plugin.spi.PluginDescriptor("%s", "%s", "1.0", null,
                            java.time.Duration.ofSeconds(1), null, null);
                }
                public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) {
                    return (canvas, render) -> { };
                }
                """;
        PluginJars.compile(Map.of(
                "bad/Angry.java", "package bad; public class Angry implements dev.ledmatrix.plugin.spi.PluginType {"
                        + " public Angry() { throw new IllegalStateException(\"licence check failed\"); }"
                        + typeBody.formatted("angry", "Angry") + "}",
                "bad/Vague.java", "package bad; public class Vague implements dev.ledmatrix.plugin.spi.PluginType {"
                        + " public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() {"
                        + " throw new UnsupportedOperationException(\"descriptor not written yet\"); }"
                        + " public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) {"
                        + " return null; } }",
                "bad/Static.java", "package bad; public class Static implements dev.ledmatrix.plugin.spi.PluginType {"
                        + " static final int X = Integer.parseInt(\"not a number\");"
                        + typeBody.formatted("static", "Static") + "}",
                "bad/FakeClock.java", "package bad;"
                        + " public class FakeClock implements dev.ledmatrix.plugin.spi.PluginType {"
                        + typeBody.formatted("clock", "Fake clock") + "}",
                "bad/Fine.java", "package bad; public class Fine implements dev.ledmatrix.plugin.spi.PluginType {"
                        + typeBody.formatted("fine", "Fine") + "}"), build.resolve("broken-src"), brokenClasses);
    }

    /** A jar with the given classes of the broken set (all of them; the services file decides what counts). */
    private static Path jarNaming(Path dir, String name, String... providers) throws IOException {
        Path resources = Files.createTempDirectory(build, name);
        PluginJars.services(resources, providers);
        return PluginJars.jar(dir.resolve(name), brokenClasses, resources);
    }

    private PluginTypeRegistry registry(Path pluginsDir) {
        return new PluginTypeRegistry(BuiltinTypes.all(), new PluginProperties(pluginsDir));
    }

    @Test
    void theExamplePluginLoadsInItsOwnClassLoaderAndRunsAndRenders() throws IOException {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins-dir"));
        Files.copy(helloJar, plugins.resolve("hello-plugin.jar"));
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        try (RuntimeFixture fixture = new RuntimeFixture(dataDir, Clock.fixed(now, java.time.ZoneOffset.UTC),
                Duration.ofSeconds(5), Duration.ofMinutes(5), BuiltinTypes.all(), plugins)) {
            PluginType hello = fixture.types().find("hello").orElseThrow();
            assertThat(fixture.types().sourceOf("hello")).isEqualTo("hello-plugin.jar");
            assertThat(fixture.types().sourceOf("clock")).isEqualTo("built-in");
            assertThat(fixture.types().failedJars()).isEmpty();
            ClassLoader loader = fixture.types().classLoaderOf("hello").orElseThrow();
            assertThat(loader).isInstanceOf(URLClassLoader.class).isNotSameAs(PluginType.class.getClassLoader());
            assertThat(loader.getName()).isEqualTo("plugin:hello-plugin.jar");
            assertThatThrownBy(() -> Class.forName("com.example.hello.HelloType"))
                    .as("not on the service's own class path").isInstanceOf(ClassNotFoundException.class);

            fixture.actions().create(new InstanceSpec("greeter", "hello", true, null, null, null,
                    JsonMapper.builder().build().readTree("{\"name\":\"panel\",\"color\":\"#00ffff\"}")));
            assertThat(fixture.states().getState("greeter")).isEqualTo(PluginState.ENABLED);
            fixture.tick();
            await().until(() -> fixture.count("greeter", "update", "SUCCESS") == 1 && fixture.idle("greeter"));

            Canvas canvas = new Canvas(64, 32);
            assertThat(fixture.render("greeter", canvas, new RenderContext(now, now, 0)))
                    .isEqualTo(PluginRenderer.Result.RENDERED);
            assertThat(TextOnCanvas.locate(canvas, Font.MEDIUM, Color.parse("#00ffff"), "HELLO PANEL")).isPresent();
            assertThat(TextOnCanvas.locate(canvas, Font.SMALL, Color.WHITE, "#1")).isPresent();

            // Its schema is enforced like a built-in's.
            assertThatThrownBy(() -> fixture.actions().updateConfig("greeter",
                    JsonMapper.builder().build().readTree("{\"name\":\"\"}")))
                    .isInstanceOf(PluginException.Invalid.class);
        }
    }

    @Test
    void brokenJarsAreListedWithTheirReasonAndTheGoodOnesStillLoad() throws IOException {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins-dir"));
        Files.copy(helloJar, plugins.resolve("hello-plugin.jar"));
        Files.writeString(plugins.resolve("x.jar"), "this is not a zip file");
        jarNaming(plugins, "missing-class.jar", "bad.DoesNotExist");
        jarNaming(plugins, "angry-constructor.jar", "bad.Angry");
        jarNaming(plugins, "vague-descriptor.jar", "bad.Vague");
        jarNaming(plugins, "static-init.jar", "bad.Static");
        jarNaming(plugins, "fake-clock.jar", "bad.FakeClock");
        jarNaming(plugins, "fine.jar", "bad.Fine");
        PluginJars.jar(plugins.resolve("no-services.jar"), brokenClasses);
        Files.writeString(plugins.resolve("notes.txt"), "not a jar, not looked at");

        PluginTypeRegistry registry = registry(plugins);
        try {
            assertThat(registry.find("hello")).isPresent();
            assertThat(registry.find("fine")).isPresent();
            assertThat(registry.sourceOf("fine")).isEqualTo("fine.jar");
            assertThat(registry.sourceOf("clock")).as("the built-in keeps its id").isEqualTo("built-in");
            assertThat(registry.all()).extracting(t -> t.descriptor().id())
                    .containsExactlyInAnyOrder("clock", "text", "http-json", "hello", "fine");

            Map<String, String> failed = registry.failedJars().stream()
                    .collect(java.util.stream.Collectors.toMap(FailedJar::jar, FailedJar::reason));
            assertThat(failed).containsOnlyKeys("x.jar", "missing-class.jar", "angry-constructor.jar",
                    "vague-descriptor.jar", "static-init.jar", "fake-clock.jar", "no-services.jar");
            assertThat(failed.get("x.jar")).contains("not a readable jar file");
            assertThat(failed.get("missing-class.jar")).contains("bad.DoesNotExist").contains("not found");
            assertThat(failed.get("angry-constructor.jar")).contains("bad.Angry").contains("licence check failed");
            assertThat(failed.get("vague-descriptor.jar"))
                    .contains("bad.Vague failed in descriptor(): descriptor not written yet");
            assertThat(failed.get("static-init.jar")).contains("not a number");
            assertThat(failed.get("fake-clock.jar")).contains("'clock'").contains("built-in");
            assertThat(failed.get("no-services.jar")).contains("declares no").contains(PluginJars.SERVICES);
        } finally {
            registry.destroy();
        }
    }

    @Test
    void aMissingOrEmptyPluginDirectoryMeansBuiltInsOnly() throws IOException {
        PluginTypeRegistry missing = registry(dataDir.resolve("nowhere"));
        PluginTypeRegistry empty = registry(Files.createDirectories(dataDir.resolve("empty")));

        assertThat(missing.all()).hasSize(3);
        assertThat(missing.failedJars()).isEmpty();
        assertThat(empty.all()).hasSize(3);
        assertThat(empty.failedJars()).isEmpty();
    }

    @Test
    void twoJarsWithTheSameTypeIdLoadTheFirstByNameAndListTheSecond() throws IOException {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins-dir"));
        Files.copy(helloJar, plugins.resolve("a-hello.jar"));
        Files.copy(helloJar, plugins.resolve("b-hello.jar"));

        PluginTypeRegistry registry = registry(plugins);
        try {
            assertThat(registry.sourceOf("hello")).isEqualTo("a-hello.jar");
            assertThat(registry.failedJars()).singleElement().satisfies(f -> {
                assertThat(f.jar()).isEqualTo("b-hello.jar");
                assertThat(f.reason()).contains("'hello'").contains("a-hello.jar");
            });
        } finally {
            registry.destroy();
        }
    }

    @Test
    void theExampleIsDocumented() throws IOException {
        String readme = Files.readString(Path.of("examples", "hello-plugin", "README.md"));
        assertThat(readme).contains(PluginJars.SERVICES).contains("plugins-dir").contains("javac").contains("jar");
        assertThat(Files.readString(EXAMPLE.resolve("resources").resolve(PluginJars.SERVICES)).strip())
                .isEqualTo("com.example.hello.HelloType");
    }
}
