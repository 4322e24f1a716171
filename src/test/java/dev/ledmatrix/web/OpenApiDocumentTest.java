package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document says what the API does. Writes it to {@code target/openapi/openapi.json}, which
 * {@code ./mvnw verify} then lints with redocly (src/test/openapi/lint.sh); checks here what a lint cannot know:
 * every operation declares its security, every error is a problem, durations are numbers, configs free-form objects.
 */
class OpenApiDocumentTest extends EdgeApp {

    @Test
    void theServedDocumentIsHonestAndWrittenForTheLint() throws IOException {
        ApiClient.Reply reply = api.anonymous().get("/v3/api-docs");
        assertThat(reply.status()).isEqualTo(200);
        Path out = Path.of(System.getProperty("ledmatrix.test.target", "target"), "openapi", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, reply.body());

        JsonNode doc = reply.json();
        assertThat(doc.path("openapi").asString()).startsWith("3.1.");
        List<String> problems = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (!operation.has("security")) {
                problems.add(name + " declares no security");
            } else if (op.getKey().equals("get") && !operation.path("security").isEmpty()) {
                problems.add(name + " is an open read but declares security");
            } else if (!op.getKey().equals("get") && operation.path("security").isEmpty()) {
                problems.add(name + " is a write but declares no bearer token");
            }
            operation.path("responses").properties().forEach(response -> {
                int status = Integer.parseInt(response.getKey());
                JsonNode content = response.getValue().path("content");
                if (status >= 400 && (content.size() != 1 || !content.has("application/problem+json"))) {
                    problems.add(name + " " + status + " is not documented as application/problem+json only");
                }
                if (status == 204 && !content.isMissingNode()) {
                    problems.add(name + " 204 has a body");
                }
            });
        }));
        assertThat(problems).isEmpty();
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.has("JsonNode")).as("configs are free-form objects, not Jackson's class").isFalse();
        assertThat(schemas.path("PluginDetails").path("properties").path("updateInterval").path("type").asString())
                .isEqualTo("number");
        assertThat(schemas.path("PluginTypeInfo").path("properties").path("configSchema").path("type").asString())
                .isEqualTo("object");
        assertThat(schemas.path("PluginSummary").path("properties").path("lastUpdate").path("type").toString())
                .contains("null");
        assertThat(schemas.has("Problem")).isTrue();
    }
}
