package dev.ledmatrix.web;

import java.time.Duration;
import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document's frame: title, description, the bearer scheme, and how two Java types are shown. Durations
 * are numbers of seconds in JSON (dev.ledmatrix.JsonConfig), and plugin configs and schemas are free-form JSON
 * objects, not Jackson's {@code JsonNode} class. {@link OpenApiHonesty} does the rest.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "bearer-token";

    @Bean
    OpenAPI ledmatrixOpenApi() {
        SpringDocUtils.getConfig()
                .replaceWithSchema(Duration.class, new Schema<>().type("number").minimum(java.math.BigDecimal.ZERO)
                        .description("A duration in seconds (a number; fractions allowed)").example(60))
                .replaceWithSchema(JsonNode.class, new Schema<>().type("object")
                        .description("A free-form JSON object (for a plugin config: one that matches its type's "
                                + "configSchema, see GET /api/v1/plugin-types/{type})"))
                .replaceWithSchema(org.springframework.web.servlet.mvc.method.annotation.SseEmitter.class,
                        new Schema<>().type("string").description("text/event-stream"));
        return new OpenAPI()
                .servers(List.of(new Server().url("/").description("This service")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The API token: ledmatrix.security.api-token, or the one generated at first "
                                + "start into <data-dir>/api-token")))
                .info(new Info()
                .title("ledmatrix-manager API")
                .version("v1")
                .description("Runs the display plugins of an RGB LED matrix: their state, schedule, errors and "
                        + "the live display. Reads are open; POST, PUT, PATCH and DELETE need "
                        + "`Authorization: Bearer <token>`, and a wrong token is refused (401) on any request. "
                        + "Without the token, secrets in plugin configs are shown as ••••••. "
                        + "Errors are RFC 9457 problem details (application/problem+json). Durations are numbers "
                        + "of seconds. 503 with Retry-After is load shedding (stream viewers, PNG encodings).")
                .license(new License().name("MIT").identifier("MIT")));
    }
}
