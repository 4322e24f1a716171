package dev.ledmatrix.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.display.Pin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of the display endpoints. */
@Tag(name = "Display", description = "What is on the panel, brightness, pinning and the live view")
interface DisplayApi {

    @Operation(summary = "The display: what is on screen and why, until when, brightness (manual and in effect), "
            + "power, size, backend, measured fps",
            description = "`reason` is one of rotation, pinned, live, notification, schedule-off, override (a manual "
                    + "power-on beats the schedule's off), power-off. `nextChangeAt` is when what is on screen changes "
                    + "next by itself, as far as is known now (null: nothing is due).")
    @ApiResponse(responseCode = "200", description = "The display", content = @Content(examples = @ExampleObject("""
            {"width":128,"height":32,"backend":"emulator","brightness":80,"effectiveBrightness":20,"fps":30.0,
             "targetFps":30,"currentPlugin":"clock","pinned":null,"framesPushed":5120,"panelProblem":null,
             "reason":"rotation","nextChangeAt":"2026-12-01T21:00:15Z",
             "power":{"on":true,"until":"2026-12-01T22:00:00Z","manual":false},"notification":null,
             "notificationsWaiting":0,"scheduleHeld":false,"timeZone":"Europe/Berlin"}""")))
    DisplayInfo info();

    @Operation(summary = "Set the brightness (1-100), persisted")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject("{\"brightness\":60}")))
    @ApiResponse(responseCode = "200", description = "The display with its new brightness")
    @ApiResponse(responseCode = "400", description = "Missing or out of range", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                     "detail":"brightness: must be between 1 and 100, got 0",
                     "errors":[{"field":"brightness","message":"must be between 1 and 100, got 0"}]}""")))
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token")
    DisplayInfo brightness(DisplayController.BrightnessRequest request);

    @Operation(summary = "Pin a plugin on screen", description = "For duration seconds, or until unpinned when "
            + "duration is left out. The plugin must be enabled. No restart needed. When the pin ends (by itself or "
            + "by an unpin) the rotation goes on with the plugin after the pinned one. While the pinned plugin "
            + "cannot be shown (disabled, cooling down after failed renders) the rotation stands in for it.")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject("{\"pluginId\":\"clock\",\"duration\":60}")))
    @ApiResponse(responseCode = "200", description = "The pin", content = @Content(examples = @ExampleObject(
            "{\"pluginId\":\"clock\",\"since\":\"2026-11-25T16:40:00Z\",\"until\":\"2026-11-25T16:41:00Z\"}")))
    @ApiResponse(responseCode = "400", description = "Missing or invalid pluginId or duration")
    @ApiResponse(responseCode = "404", description = "No such plugin")
    @ApiResponse(responseCode = "409", description = "The plugin is not enabled")
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token")
    Pin pin(DisplayController.PinRequest request);

    @Operation(summary = "Unpin: back to the rotation")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @ApiResponse(responseCode = "204", description = "Unpinned (also when nothing was pinned)")
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token")
    ResponseEntity<Void> unpin();

    @Operation(summary = "The current frame as PNG", description = "Each LED as a scale×scale block.")
    @ApiResponse(responseCode = "200", description = "PNG image", content = @Content(mediaType = "image/png"))
    @ApiResponse(responseCode = "400", description = "scale out of range")
    ResponseEntity<byte[]> frame(@Parameter(description = "Pixels per LED, 1-32", example = "8") int scale);

    @Operation(summary = "Live frames (Server-Sent Events)", description = "One `frame` event per new frame, up to "
            + "the render rate: {seq, width, height, png} with the PNG (one pixel per LED) in base64. A slow viewer "
            + "skips frames; it never slows the display.")
    @ApiResponse(responseCode = "200", description = "An endless event stream", content = @Content(
            mediaType = "text/event-stream", examples = @ExampleObject("""
                    event:frame
                    id:5121
                    data:{"seq":5121,"width":128,"height":32,"png":"iVBORw0KGgo..."}
                    """)))
    SseEmitter stream();
}
