package dev.ledmatrix.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ledmatrix.plugin.PluginJars;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port over real HTTP, with its own data directory, a known API token, and the
 * example external plugin ({@code examples/hello-plugin}, compiled and packed here) in its plugins directory. Test
 * classes that extend this share one running application (Spring caches the context), so they must leave it as
 * they found it (unpin, re-enable).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LiveApp {

    static final String TOKEN = "live-app-test-token";
    static final Path DATA_DIR = createDataDir();
    static final Path EXAMPLE = Path.of("examples", "hello-plugin", "src", "main");
    static final Path PLUGINS_DIR = buildExamplePlugin();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void liveAppProperties(DynamicPropertyRegistry registry) {
        registry.add("ledmatrix.data-dir", DATA_DIR::toString);
        registry.add("ledmatrix.plugins-dir", PLUGINS_DIR::toString);
        registry.add("ledmatrix.security.api-token", () -> TOKEN);
    }

    private static Path createDataDir() {
        try {
            Path target = Path.of(System.getProperty("ledmatrix.test.target", "target"));
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "live-app-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Outside the data directory: the service makes its default instances only when that starts empty. */
    private static Path buildExamplePlugin() {
        try {
            Path build = Files.createTempDirectory(DATA_DIR.getParent(), "live-app-plugins-");
            Path classes = build.resolve("hello-classes");
            PluginJars.compile(EXAMPLE.resolve("java"), classes);
            Path plugins = build.resolve("plugins");
            PluginJars.jar(plugins.resolve("hello-plugin.jar"), classes, EXAMPLE.resolve("resources"));
            return plugins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) {
        return call(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** A write with the token; {@code body} null sends none. */
    HttpResponse<String> send(String method, String path, String body) {
        return sendAs(TOKEN, method, path, body);
    }

    HttpResponse<String> sendAs(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return call(request, body);
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        return call(request, null);
    }

    /** Sends and checks the exchange against the served OpenAPI document ({@link OpenApiContract}). */
    private HttpResponse<String> call(HttpRequest.Builder builder, String json) {
        try {
            HttpRequest request = builder.timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            OpenApiContract.of(URI.create("http://localhost:" + port)).check(request.method(), request.uri(), json,
                    response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
