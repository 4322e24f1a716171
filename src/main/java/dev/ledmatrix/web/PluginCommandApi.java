package dev.ledmatrix.web;

import org.springframework.http.ResponseEntity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** OpenAPI description of the plugin write endpoints. All need the bearer token. */
@Tag(name = "Plugins")
@SecurityRequirement(name = OpenApiConfig.BEARER)
@ApiResponse(responseCode = "401", description = "No or wrong bearer token",
        content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(PluginCommandApi.UNAUTHORIZED)))
@ApiResponse(responseCode = "404", description = "No such plugin",
        content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(PluginQueryApi.NOT_FOUND_EXAMPLE)))
interface PluginCommandApi {

    String UNAUTHORIZED = """
            {"type":"/problems/unauthorized","title":"Authentication required","status":401,
             "detail":"This request needs the header Authorization: Bearer <token>"}""";

    String CONFLICT = """
            {"type":"/problems/state-conflict","title":"Action not allowed in the current state","status":409,
             "detail":"Cannot update plugin 'weather' while it is disabled: only an enabled plugin updates",
             "instance":"/api/v1/plugins/weather/update","currentState":"disabled","action":"update","pluginId":"weather"}""";

    String INVALID_CONFIG = """
            {"type":"/problems/invalid-request","title":"Invalid request","status":400,
             "detail":"2 invalid fields: config.url, config.color","instance":"/api/v1/plugins",
             "errors":[{"field":"config.url","message":"does not match the regex pattern ^https?://..."},
                       {"field":"config.color","message":"does not match the regex pattern ^#[0-9a-fA-F]{6}$"}]}""";

    @Operation(summary = "Create a plugin instance",
            description = "The config must match the type's schema (GET /api/v1/plugin-types/{type}); every "
                    + "violation is listed. Durations are seconds; omitted ones use the type's defaults.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject("""
            {"id":"outside","type":"http-json","updateInterval":60,"updateTimeout":10,"displayDuration":10,
             "config":{"url":"http://192.168.1.20:8123/api/states/sensor.outside","pointer":"/state",
                       "label":"Outside","format":"{value} °C"}}""")))
    @ApiResponse(responseCode = "201", description = "Created; Location names the new instance")
    @ApiResponse(responseCode = "400", description = "Bad JSON, a missing or invalid field, or a config that breaks "
            + "the schema", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(INVALID_CONFIG)))
    @ApiResponse(responseCode = "409", description = "An instance with that id exists")
    @ApiResponse(responseCode = "413", description = "Body over 1 MiB")
    @ApiResponse(responseCode = "415", description = "Body is not application/json")
    ResponseEntity<PluginDetails> create(CreatePluginRequest request);

    @Operation(summary = "Stop, unload and remove an instance")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> delete(@Parameter(example = "outside") String id);

    @Operation(summary = "Enable", description = "Idempotent: enabling an enabled plugin changes nothing. "
            + "A plugin in error must be fixed (config) or reset instead.")
    @ApiResponse(responseCode = "200", description = "Enabled (changed=false if it already was)")
    @ApiResponse(responseCode = "409", description = "Not allowed in the current state", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(CONFLICT)))
    ActionResult enable(@Parameter(example = "clock") String id);

    @Operation(summary = "Disable", description = "Idempotent. A running update is interrupted. Persisted.")
    @ApiResponse(responseCode = "200", description = "Disabled (changed=false if it already was)")
    ActionResult disable(@Parameter(example = "clock") String id);

    @Operation(summary = "Run one update now", description = "Ignores the interval and any backoff.")
    @ApiResponse(responseCode = "202", description = "Started (changed=false if one was already running)")
    @ApiResponse(responseCode = "409", description = "The plugin is not enabled", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(CONFLICT)))
    ResponseEntity<ActionResult> update(@Parameter(example = "clock") String id);

    @Operation(summary = "Reset", description = "Leaves error or backoff: clears failures and error info and "
            + "retries now. A plugin in error is rebuilt from its config. Idempotent: with no error and no failed "
            + "updates there is nothing to reset.")
    @ApiResponse(responseCode = "200", description = "Reset (changed=false if there was nothing to reset)")
    ActionResult reset(@Parameter(example = "clock") String id);

    @Operation(summary = "Reload", description = "Closes the plugin and builds it again from its config.")
    @ApiResponse(responseCode = "200", description = "Reloaded")
    ActionResult reload(@Parameter(example = "clock") String id);

    @Operation(summary = "Replace the config", description = "Validated against the type's schema (400 lists every "
            + "violation, nothing changes), persisted, and applied live.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            "{\"text\":\"Back in 5 minutes\",\"color\":\"#ff0000\",\"scroll\":true}")))
    @ApiResponse(responseCode = "200", description = "The instance with its new config")
    @ApiResponse(responseCode = "400", description = "Schema violations", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(INVALID_CONFIG)))
    PluginDetails putConfig(@Parameter(example = "message") String id, JsonNode config);

    @Operation(summary = "Change how an instance is scheduled and shown",
            description = "Only the fields present change; null puts one back to its default. Durations are seconds. "
                    + "`activeWindows`: when it may be shown, weekly windows read in the display's time zone (null "
                    + "or []: always). `livePriority`: its live content (if its type reports any) interrupts the "
                    + "rotation. `maxDisplayDuration`: the longest a turn may last while it completes its cycle "
                    + "(default 180). Validated (every mistake named), persisted atomically, applied from the next "
                    + "update and frame. The config and the enabled flag have their own endpoints.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject("""
            {"updateInterval":30,"displayDuration":20,"livePriority":true,"maxDisplayDuration":120,
             "activeWindows":[{"days":["mon","tue","wed","thu","fri"],"from":"07:00","to":"09:00"}]}""")))
    @ApiResponse(responseCode = "200", description = "The instance as changed")
    @ApiResponse(responseCode = "400", description = "An unknown field, a value out of range, a bad or overlapping "
            + "window", content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                     "detail":"activeWindows[0].from: must be a time HH:MM from 00:00 to 23:59, got '7'",
                     "instance":"/api/v1/plugins/departures",
                     "errors":[{"field":"activeWindows[0].from","message":"must be a time HH:MM from 00:00 to 23:59, got '7'"}]}""")))
    @ApiResponse(responseCode = "415", description = "Body is not application/json")
    PluginDetails patch(@Parameter(example = "departures") String id, JsonNode changes);
}
