package dev.ledmatrix.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * Checks real requests and responses against the OpenAPI document the service itself serves at /v3/api-docs, so
 * the document and the API cannot drift apart: a status the operation does not document, a content type it does
 * not list, or a JSON body its schema refuses is a test failure. The document is OpenAPI 3.1, whose schemas are
 * JSON Schema draft 2020-12: they are checked by the same validator the service uses for plugin configs
 * (networknt json-schema-validator), with {@code $ref}s resolved inside the served document.
 *
 * <p>Requests and responses outside the documented operations (the live page, actuator, an unknown path or
 * method) are not checked here; a request body is checked when the service accepted it (2xx), as tests of bad
 * requests send invalid bodies on purpose.
 */
final class OpenApiContract {

    private static final Map<URI, OpenApiContract> BY_SERVICE = new ConcurrentHashMap<>();
    private static final String DOC = "https://ledmatrix.test/v3/api-docs";

    private record Route(Pattern path, String template) {
    }

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final List<Route> routes = new ArrayList<>();

    private OpenApiContract(String text) {
        this.document = ApiClient.JSON.readTree(text);
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOC, text)));
        document.path("paths").propertyNames().forEach(template -> routes.add(new Route(Pattern.compile(
                template.replaceAll("\\{[^/]+}", "[^/]+").replace(".", "\\.")), template)));
        // Literal segments win over templated ones: /plugins/{id} must not swallow a literal sibling.
        routes.sort(Comparator.comparingLong((Route r) -> r.template().chars().filter(c -> c == '{').count()));
    }

    /** The served document of the service at {@code base}, fetched once. */
    static OpenApiContract of(URI base) {
        return BY_SERVICE.computeIfAbsent(base, b -> {
            try {
                HttpResponse<String> doc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(b.resolve(
                        "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (doc.statusCode() != 200) {
                    throw new IllegalStateException("GET /v3/api-docs answered " + doc.statusCode());
                }
                return new OpenApiContract(doc.body());
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException("cannot read /v3/api-docs", e);
            }
        });
    }

    /**
     * Checks one exchange; throws an AssertionError naming what the document does not allow.
     *
     * @param requestBody the JSON sent, or null
     */
    void check(String method, URI uri, String requestBody, int status, String contentType, String body) {
        String path = uri.getRawPath();
        JsonNode operation = operation(method, path);
        if (operation == null) {
            return;
        }
        String where = method + " " + path + " → " + status;
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(Integer.toString(status)) ? responses.get(Integer.toString(status))
                : responses.get("default");
        if (response == null) {
            throw new AssertionError(where + ": the OpenAPI document lists no response " + status + " for this "
                    + "operation (it lists " + responses.propertyNames() + ")");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        boolean hasBody = body != null && !body.isEmpty() && !"HEAD".equals(method);
        JsonNode content = response.path("content");
        if (hasBody) {
            String documented = content.has(type) ? type : content.has("*/*") ? "*/*" : null;
            if (documented == null) {
                throw new AssertionError(where + ": answered " + type + " but the document lists "
                        + content.propertyNames());
            }
            if (type.endsWith("json") && content.path(documented).has("schema")) {
                validate(where + " response", pointer(path, method, "responses", Integer.toString(status), "content",
                        documented, "schema"), body);
            }
        } else if (status == 204 && !content.isMissingNode() && !content.isEmpty()) {
            throw new AssertionError(where + ": no body, but the document gives 204 a body");
        }
        if (requestBody != null && status >= 200 && status < 300 && operation.has("requestBody")) {
            JsonNode requestContent = operation.path("requestBody").path("content");
            if (requestContent.has("application/json") && requestContent.path("application/json").has("schema")) {
                validate(where + " request", pointer(path, method, "requestBody", "content", "application/json",
                        "schema"), requestBody);
            }
        }
    }

    private JsonNode operation(String method, String path) {
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                JsonNode op = document.path("paths").path(route.template()).get(method.toLowerCase(Locale.ROOT));
                if (op != null) {
                    lastTemplate = route.template();
                    return op;
                }
            }
        }
        return null;
    }

    private String lastTemplate;

    private String pointer(String path, String method, String... tail) {
        StringBuilder pointer = new StringBuilder("/paths/").append(escape(lastTemplate)).append('/')
                .append(method.toLowerCase(Locale.ROOT));
        for (String part : tail) {
            pointer.append('/').append(escape(part));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private void validate(String where, String pointer, String json) {
        Schema schema = schemas.getSchema(SchemaLocation.of(DOC + "#" + pointer));
        List<Error> errors = schema.validate(ApiClient.JSON.readTree(json));
        if (!errors.isEmpty()) {
            throw new AssertionError(where + " does not match the served OpenAPI document: " + errors
                    + "\n  body: " + (json.length() > 600 ? json.substring(0, 600) + "…" : json));
        }
    }
}
