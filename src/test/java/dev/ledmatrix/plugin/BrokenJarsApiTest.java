package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ledmatrix.LedMatrixApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service started for real with a plugins directory full of every kind of broken jar, built with javac: it
 * starts within the load timeout, lists each bad jar in {@code failedJars} with its reason, loads the good one, and
 * answers every request about types and instances without a 5xx, even when a type's code fails later.
 */
class BrokenJarsApiTest {

    static final String TOKEN = "broken-jars-test-token-0123";
    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(3);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Broken type classes, by jar: each a PluginType that fails in one way. */
    static final Map<String, String> BROKEN = new LinkedHashMap<>();

    static {
        String ok = """
                public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() {
                    return new dev.ledmatrix.plugin.spi.PluginDescriptor("%s", "%s", "1.0", null,
                            java.time.Duration.ofSeconds(60), null, %s);
                }
                public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) {
                    return (canvas, render) -> { };
                }
                """;
        String type = "public class %s implements dev.ledmatrix.plugin.spi.PluginType { %s }";
        BROKEN.put("null-descriptor", type.formatted("NullDescriptor", """
                public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() { return null; }
                public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) { return null; }
                """));
        BROKEN.put("static-init-error", type.formatted("StaticInitError",
                "static final int X = Integer.parseInt(\"not a number\");" + ok.formatted("sie", "S", "null")));
        BROKEN.put("constructor-stack-overflow", type.formatted("ConstructorStackOverflow",
                "public ConstructorStackOverflow() { deeper(0); } static int deeper(int n) { return deeper(n + 1) + 1; }"
                        + ok.formatted("cso", "C", "null")));
        BROKEN.put("descriptor-stack-overflow", type.formatted("DescriptorStackOverflow", """
                static int deeper(int n) { return deeper(n + 1) + 1; }
                public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() { deeper(0); return null; }
                public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) { return null; }
                """));
        BROKEN.put("descriptor-error", type.formatted("DescriptorError", """
                public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() { throw new InternalError("boom"); }
                public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) { return null; }
                """));
        BROKEN.put("schema-not-json", type.formatted("SchemaNotJson",
                ok.formatted("snj", "S", "\"{not json\"")));
        BROKEN.put("schema-not-object", type.formatted("SchemaNotObject",
                ok.formatted("sno", "S", "\"[1, 2, 3]\"")));
        BROKEN.put("bad-id", type.formatted("BadId", ok.formatted("Bad Id!", "B", "null")));
        BROKEN.put("static-init-hangs", type.formatted("StaticInitHangs", """
                static boolean forever = true;
                static { while (forever) { try { Thread.sleep(1000); } catch (InterruptedException e) { } } }
                """ + ok.formatted("sih", "S", "null")));
        BROKEN.put("descriptor-hangs", type.formatted("DescriptorHangs", """
                public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() {
                    while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { } }
                }
                public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) { return null; }
                """));
        BROKEN.put("missing-dependency", type.formatted("MissingDependency",
                "static final Class<?> NEEDS = gone.Helper.class;" + ok.formatted("mdep", "M", "null")));
    }

    @TempDir
    static Path work;
    static ConfigurableApplicationContext service;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static int port;
    static Duration startedIn;

    @BeforeAll
    static void startWithBrokenJars() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        BROKEN.forEach((jar, source) -> sources.put("broken/" + className(source) + ".java", "package broken; " + source));
        sources.put("gone/Helper.java", "package gone; public class Helper { }");
        sources.put("broken/Fickle.java", "package broken; public class Fickle implements dev.ledmatrix.plugin.spi.PluginType {"
                + " private int calls;"
                + " public dev.ledmatrix.plugin.spi.PluginDescriptor descriptor() {"
                + "   if (calls++ > 0) throw new IllegalStateException(\"asked twice\");"
                + "   return new dev.ledmatrix.plugin.spi.PluginDescriptor(\"fickle\", \"Fickle\", \"1.0\", null,"
                + "     java.time.Duration.ofSeconds(60), null, null); }"
                + " public dev.ledmatrix.plugin.spi.Plugin create(dev.ledmatrix.plugin.spi.PluginContext c) {"
                + "   return create(c); } }");
        Path classes = work.resolve("classes");
        PluginJars.compile(sources, work, classes);
        // The missing dependency: compiled against, then left out of every jar.
        deleteTree(classes.resolve("gone"));

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        for (String jar : BROKEN.keySet()) {
            Path resources = Files.createDirectories(work.resolve("res-" + jar));
            PluginJars.services(resources, "broken." + className(BROKEN.get(jar)));
            PluginJars.jar(plugins.resolve(jar + ".jar"), classes, resources);
        }
        Path resources = Files.createDirectories(work.resolve("res-fickle"));
        PluginJars.services(resources, "broken.Fickle");
        PluginJars.jar(plugins.resolve("fickle.jar"), classes, resources);
        Files.writeString(plugins.resolve("not-a-zip.jar"), "PK? no, just text");

        long start = System.nanoTime();
        service = new SpringApplicationBuilder(LedMatrixApplication.class).run(
                "--server.port=0", "--ledmatrix.data-dir=" + work.resolve("data"),
                "--ledmatrix.plugins-dir=" + plugins, "--ledmatrix.security.api-token=" + TOKEN,
                "--ledmatrix.plugin-load-timeout=" + LOAD_TIMEOUT.toMillis() + "ms");
        startedIn = Duration.ofNanos(System.nanoTime() - start);
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static String className(String source) {
        return source.substring("public class ".length(), source.indexOf(" implements"));
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    @Test
    void everyBrokenJarIsListedWithItsReasonAndTheServiceRuns() {
        HttpResponse<String> types = send("GET", "/api/v1/plugin-types", null);
        assertThat(types.statusCode()).as(types.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(types.body());
        Map<String, String> failed = new LinkedHashMap<>();
        body.path("failedJars").forEach(f -> failed.put(f.path("jar").asString(), f.path("reason").asString()));
        Map<String, String> expected = new LinkedHashMap<>();
        BROKEN.keySet().forEach(jar -> expected.put(jar + ".jar", ""));
        expected.put("not-a-zip.jar", "not a readable jar file");
        expected.put("null-descriptor.jar", "no descriptor (null)");
        expected.put("static-init-error.jar", "not a number");
        expected.put("constructor-stack-overflow.jar", "StackOverflowError");
        expected.put("descriptor-stack-overflow.jar", "StackOverflowError");
        expected.put("descriptor-error.jar", "boom");
        expected.put("schema-not-json.jar", "not JSON");
        expected.put("schema-not-object.jar", "not a JSON object");
        expected.put("bad-id.jar", "Bad Id!");
        expected.put("static-init-hangs.jar", "did not finish loading within 3.0 s");
        expected.put("descriptor-hangs.jar", "did not finish loading within 3.0 s");
        expected.put("missing-dependency.jar", "gone");
        assertThat(failed).containsOnlyKeys(expected.keySet());
        expected.forEach((jar, reason) -> assertThat(failed.get(jar)).as(jar).isNotBlank().contains(reason));
        // The two hanging jars cost one timeout between them, not one each.
        assertThat(startedIn).isLessThan(LOAD_TIMEOUT.multipliedBy(2).plusSeconds(60));

        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(send("GET", "/actuator/health", null).body());
        assertThat(health.path("components").path("plugins").path("details").path("failedJars").size())
                .isEqualTo(expected.size());
    }

    @Test
    void aTypeWhoseCodeFailsLaterNeverBreaksTheApi() {
        // Its descriptor() throws from the second call on: the API uses what it said when it was discovered.
        for (String path : new String[] {"/api/v1/plugin-types", "/api/v1/plugin-types/fickle"}) {
            HttpResponse<String> reply = send("GET", path, null);
            assertThat(reply.statusCode()).as(path + " " + reply.body()).isEqualTo(200);
        }
        // Its create() overflows the stack: the instance is in error, saying why; the service goes on.
        HttpResponse<String> created = send("POST", "/api/v1/plugins", "{\"id\":\"fickle-one\",\"type\":\"fickle\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode state = JSON.readTree(send("GET", "/api/v1/plugins/fickle-one/state", null).body());
        assertThat(state.path("state").asString()).isEqualTo("error");
        assertThat(state.path("errorInfo").path("errorType").asString()).isEqualTo("StackOverflowError");
        assertThat(send("POST", "/api/v1/plugins/fickle-one/reset", null).statusCode()).isBetween(200, 499);
        assertThat(send("DELETE", "/api/v1/plugins/fickle-one", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/plugins", null).statusCode()).isEqualTo(200);
    }
}
