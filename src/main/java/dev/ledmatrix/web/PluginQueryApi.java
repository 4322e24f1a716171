package dev.ledmatrix.web;

import java.util.List;

import org.springframework.http.ResponseEntity;

import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.StateInfo;
import dev.ledmatrix.state.StateTransition;
import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the plugin read endpoints, kept apart so the controller stays readable. */
@Tag(name = "Plugins", description = "Plugin instances, their state, history and errors")
interface PluginQueryApi {

    String STATE_EXAMPLE = """
            {"state":"enabled","loaded":true,"enabled":true,"running":false,"error":false,"canExecute":true,
             "lastUpdate":"2026-11-25T16:40:00Z","lastDisplay":"2026-11-25T16:40:12Z",
             "errorInfo":{"error":"GET http://192.168.1.20/api timed out after 5s","errorType":"Timeout",
               "timestamp":"2026-11-25T16:39:30Z","recoverable":true,"consecutiveFailures":1,
               "nextAttemptAt":"2026-11-25T16:40:30Z"},
             "stateHistoryCount":42}""";

    String NOT_FOUND_EXAMPLE = """
            {"type":"/problems/plugin-not-found","title":"Plugin not found","status":404,
             "detail":"No plugin with id 'weather'","instance":"/api/v1/plugins/weather","pluginId":"weather"}""";

    String BAD_ID_EXAMPLE = """
            {"type":"/problems/invalid-request","title":"Invalid request","status":400,
             "detail":"id: must match [a-z0-9][a-z0-9-]{0,62} (lower-case letters, digits and '-', at most 63), got 'Bad_Id'",
             "instance":"/api/v1/plugins/Bad_Id",
             "errors":[{"field":"id","message":"must match [a-z0-9][a-z0-9-]{0,62} (lower-case letters, digits and '-', at most 63), got 'Bad_Id'"}]}""";

    @Operation(summary = "List all plugin instances with their state")
    @ApiResponse(responseCode = "200", description = "Every instance, sorted by id", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = PluginSummary.class)), examples = @ExampleObject("""
                    [{"id":"clock","type":"clock","name":"Clock","enabled":true,"state":"enabled",
                      "lastUpdate":"2026-11-25T16:40:00Z","lastDisplay":"2026-11-25T16:40:12Z","errorInfo":null}]""")))
    List<PluginSummary> list();

    @Operation(summary = "One plugin instance with its state info")
    @ApiResponse(responseCode = "200", description = "The instance")
    @ApiResponse(responseCode = "400", description = "The id is not a valid plugin id",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(BAD_ID_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(NOT_FOUND_EXAMPLE)))
    PluginDetails get(@Parameter(description = "Plugin instance id", example = "clock") String id);

    @Operation(summary = "State info only", description = "A consistent snapshot: the state and the error info "
            + "written with it are always read together.")
    @ApiResponse(responseCode = "200", description = "The state info",
            content = @Content(schema = @Schema(implementation = StateInfo.class), examples = @ExampleObject(STATE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The id is not a valid plugin id",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(BAD_ID_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(NOT_FOUND_EXAMPLE)))
    StateInfo state(@Parameter(description = "Plugin instance id", example = "clock") String id);

    @Operation(summary = "State transitions, newest first",
            description = "Keeps the last ledmatrix.history.max-entries transitions per plugin. Page backwards by "
                    + "passing the smallest seq of a page as beforeSeq.")
    @ApiResponse(responseCode = "200", description = "Transitions, newest first", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = StateTransition.class)), examples = @ExampleObject("""
                    [{"seq":118,"timestamp":"2026-11-25T16:40:00Z","from":"running","to":"enabled","error":null},
                     {"seq":117,"timestamp":"2026-11-25T16:39:59Z","from":"enabled","to":"running","error":null}]""")))
    @ApiResponse(responseCode = "400", description = "A bad id, limit or beforeSeq; the problem names it",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                     "detail":"limit: must be between 1 and 1000, got 0","instance":"/api/v1/plugins/clock/history",
                     "errors":[{"field":"limit","message":"must be between 1 and 1000, got 0"}]}""")))
    @ApiResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(NOT_FOUND_EXAMPLE)))
    List<StateTransition> history(@Parameter(description = "Plugin instance id", example = "clock") String id,
            @Parameter(description = "Most entries to return, 1 to 1000", example = "20") int limit,
            @Parameter(description = "Only entries with a smaller seq (for paging)", example = "118") Long beforeSeq);

    @Operation(summary = "Error info, or 204 when there is none",
            description = "Present in state error (load or config failures) and after a recoverable update failure, "
                    + "while the plugin stays enabled and retries.")
    @ApiResponse(responseCode = "200", description = "The error info")
    @ApiResponse(responseCode = "204", description = "No error recorded")
    @ApiResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(NOT_FOUND_EXAMPLE)))
    ResponseEntity<ErrorInfo> error(@Parameter(description = "Plugin instance id", example = "clock") String id);

    @Operation(summary = "The instance's config", description = "A JSON object matching its type's config schema "
            + "(GET /api/v1/plugin-types/{type}).")
    @ApiResponse(responseCode = "200", description = "The config: without the token its secrets (fields the "
            + "type's schema marks x-secret, URL passwords and query values) are masked as ••••••", content = @Content(
            schema = @Schema(type = "object", description = "Free-form JSON object matching the type's configSchema"),
            examples = @ExampleObject("{\"format\":\"24h\",\"timeZone\":\"Europe/Berlin\",\"showDate\":true}")))
    @ApiResponse(responseCode = "404", description = "No such plugin",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(NOT_FOUND_EXAMPLE)))
    JsonNode config(@Parameter(description = "Plugin instance id", example = "clock") String id,
            @Parameter(hidden = true) jakarta.servlet.http.HttpServletRequest request);
}
