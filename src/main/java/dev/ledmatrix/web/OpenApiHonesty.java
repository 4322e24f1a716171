package dev.ledmatrix.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * Makes the generated document say what the API does, for every operation, including those other features add
 * later: security per operation (open reads declare that none is needed, writes the bearer token); every error
 * status as {@code application/problem+json} with the {@code Problem} schema (a wrong token is a 401 anywhere; a
 * body is limited to 1 MiB; 503 comes with Retry-After); no body on a 204; and properties that may be null typed as
 * such (OpenAPI 3.1: {@code "type": [..., "null"]}), except those listed as always present.
 */
@Component
class OpenApiHonesty implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Properties that are never null, per schema; every other property of a schema may be. */
    private static final Map<String, List<String>> ALWAYS_PRESENT = Map.ofEntries(
            Map.entry("PluginSummary", List.of("id", "type", "enabled", "state")),
            Map.entry("PluginDetails", List.of("id", "type", "enabled", "updateInterval", "updateTimeout",
                    "displayDuration", "config", "state", "loaded", "running", "error", "canExecute",
                    "stateHistoryCount", "updates", "renders")),
            Map.entry("StateInfo", List.of("state", "loaded", "enabled", "running", "error", "canExecute",
                    "stateHistoryCount")),
            Map.entry("StateTransition", List.of("seq", "timestamp", "to")),
            Map.entry("ErrorInfo", List.of("error", "errorType", "timestamp")),
            Map.entry("UpdateStatus", List.of("consecutiveFailures")),
            Map.entry("RenderStatus", List.of("consecutiveFailures", "totalFailures", "stuck")),
            Map.entry("ActionResult", List.of("pluginId", "action", "changed", "state", "message")),
            Map.entry("Pin", List.of("pluginId", "since")),
            Map.entry("PluginTypeInfo", List.of("id", "name", "version", "description", "defaultUpdateInterval",
                    "source", "configSchema")),
            Map.entry("PluginTypeList", List.of("types", "failedJars")),
            Map.entry("FailedJar", List.of("jar", "reason")),
            Map.entry("FieldError", List.of("field", "message")),
            Map.entry(PROBLEM, List.of("type", "title", "status", "detail")));

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents().getSchemas() == null) {
            api.getComponents().setSchemas(new LinkedHashMap<>());
        }
        api.getComponents().getSchemas().putAll(problemSchemas());
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    operation(method, operation)));
        }
        api.getComponents().getSchemas().forEach(OpenApiHonesty::nullability);
    }

    private static void operation(PathItem.HttpMethod method, Operation operation) {
        boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD
                || method == PathItem.HttpMethod.OPTIONS;
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(read ? new ArrayList<>()
                    : List.of(new SecurityRequirement().addList(OpenApiConfig.BEARER)));
        }
        ApiResponses responses = operation.getResponses();
        responses.putIfAbsent("401", new ApiResponse().description(read
                ? "A wrong bearer token was sent (reads need none, but a wrong one is refused)"
                : "No or wrong bearer token"));
        responses.putIfAbsent("406", new ApiResponse().description("The Accept header allows none of the media "
                + "types this operation answers with"));
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "path".equals(p.getIn()) || "query".equals(p.getIn()) || "header".equals(p.getIn()))) {
            responses.putIfAbsent("400", new ApiResponse().description("A malformed parameter (such as an id that "
                    + "is not a valid plugin id); the problem names it"));
        }
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", new ApiResponse().description("The body is not valid JSON, has a wrong "
                    + "type or an unknown field; the problem names each"));
            responses.putIfAbsent("413", new ApiResponse().description("The body is over 1 MiB"));
            responses.putIfAbsent("415", new ApiResponse().description("The body is not application/json"));
        }
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                problem(status, response);
            } else if ("204".equals(status)) {
                response.setContent(null);
            }
        });
    }

    /** An error response: only application/problem+json with the Problem schema, keeping any example given. */
    private static void problem(String status, ApiResponse response) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        if (response.getContent() != null) {
            response.getContent().values().stream().filter(m -> m.getExample() != null || m.getExamples() != null)
                    .findFirst().ifPresent(m -> {
                        media.setExample(m.getExample());
                        media.setExamples(m.getExamples());
                    });
        }
        response.setContent(new Content().addMediaType(PROBLEM_JSON, media));
        if ("503".equals(status)) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again")
                    .schema(new Schema<>().type("integer").minimum(java.math.BigDecimal.ONE)));
        }
    }

    private static Map<String, Schema> problemSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("FieldError", new Schema<>().type("object").description("One offending field and what is wrong")
                .addProperty("field", new Schema<>().type("string").example("brightness"))
                .addProperty("message", new Schema<>().type("string").example("must be between 1 and 100, got 0")));
        schemas.put(PROBLEM, new Schema<>().type("object").description("An RFC 9457 problem detail; some problems "
                        + "add properties (pluginId, currentState, action, retryAfter)")
                .addProperty("type", new Schema<>().type("string").format("uri-reference")
                        .example("/problems/invalid-request"))
                .addProperty("title", new Schema<>().type("string").example("Invalid request"))
                .addProperty("status", new Schema<>().type("integer").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)).example(400))
                .addProperty("detail", new Schema<>().type("string").example("brightness: must be between 1 and 100"))
                .addProperty("instance", new Schema<>().type("string").format("uri-reference")
                        .example("/api/v1/display/brightness"))
                .addProperty("errors", new Schema<>().type("array").description("Each offending field (400 only)")
                        .items(new Schema<>().$ref("#/components/schemas/FieldError")))
                .additionalProperties(true));
        return schemas;
    }

    /** Every property not listed as always present may be null; the listed ones become required. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullability(String name, Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> present = ALWAYS_PRESENT.get(name);
        if (present != null) {
            schema.setRequired(new ArrayList<>(present.stream().filter(properties::containsKey).toList()));
        }
        Map<String, Schema> updated = new LinkedHashMap<>();
        properties.forEach((property, value) -> {
            if (present != null && present.contains(property)) {
                updated.put(property, value);
            } else {
                updated.put(property, nullable(value));
            }
        });
        schema.setProperties(updated);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema value) {
        if (value.get$ref() != null) {
            Schema<Object> nullType = new Schema<>();
            nullType.addType("null");
            return new Schema<>().oneOf(List.of(value, nullType));
        }
        Set<String> types = new LinkedHashSet<>();
        if (value.getTypes() != null) {
            types.addAll(value.getTypes());
        }
        if (value.getType() != null) {
            types.add(value.getType());
        }
        if (types.isEmpty()) {
            return value; // anything, null included
        }
        types.add("null");
        value.setTypes(types);
        if (value.getEnum() != null && !value.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(value.getEnum());
            values.add(null);
            value.setEnum(values);
        }
        return value;
    }
}
