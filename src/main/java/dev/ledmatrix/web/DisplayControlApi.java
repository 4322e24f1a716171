package dev.ledmatrix.web;

import org.springframework.http.ResponseEntity;

import dev.ledmatrix.display.DisplayPower;
import dev.ledmatrix.display.Notification;
import dev.ledmatrix.display.NotificationRequest;
import dev.ledmatrix.display.RotationOrder;
import dev.ledmatrix.display.Schedule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** OpenAPI description of power, schedule, rotation order and notifications. */
@Tag(name = "Display")
interface DisplayControlApi {

    String UNAUTHORIZED = PluginCommandApi.UNAUTHORIZED;

    String POWER = "{\"on\":false,\"until\":\"2026-12-01T06:30:00Z\",\"manual\":true}";

    String SCHEDULE = """
            {"timeZone":"Europe/Berlin",
             "on":[{"days":["mon","tue","wed","thu","fri"],"from":"06:30","to":"23:00"},
                   {"days":["sat","sun"],"from":"08:00","to":"00:30"}],
             "dim":[{"from":"21:00","to":"07:00","brightness":20}]}""";

    String BAD_SCHEDULE = """
            {"type":"/problems/invalid-request","title":"Invalid request","status":400,
             "detail":"on[1]: overlaps on[0] (mon,tue 06:00-12:00) on Mon 10:00; windows of one list must not overlap",
             "instance":"/api/v1/display/schedule",
             "errors":[{"field":"on[1]","message":"overlaps on[0] (mon,tue 06:00-12:00) on Mon 10:00; windows of one list must not overlap"}]}""";

    @Operation(summary = "Power: whether the panel is on, until when, and whether by hand")
    @ApiResponse(responseCode = "200", description = "The power", content = @Content(examples = @ExampleObject(POWER)))
    DisplayPower power();

    @Operation(summary = "Switch the panel on or off by hand", description = "Overrides the schedule until `until` "
            + "(an ISO-8601 time), or with `until` null or left out until the next scheduled change (for good when "
            + "there is no schedule). Off shows black: the render loop keeps running (readiness stays UP) and plugins "
            + "keep updating. Persisted: survives a restart until it expires.")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
            @ExampleObject(name = "off until morning", value = "{\"on\":false,\"until\":\"2026-12-01T06:30:00Z\"}"),
            @ExampleObject(name = "on until the next scheduled change", value = "{\"on\":true,\"until\":null}")}))
    @ApiResponse(responseCode = "200", description = "The power now", content = @Content(examples = @ExampleObject(POWER)))
    @ApiResponse(responseCode = "400", description = "`on` missing or not a boolean, `until` not a time in the future",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                     "detail":"until: must be in the future (now is 2026-12-01T06:00:00Z), or null for the next scheduled change",
                     "errors":[{"field":"until","message":"must be in the future (now is 2026-12-01T06:00:00Z), or null for the next scheduled change"}]}""")))
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(UNAUTHORIZED)))
    DisplayPower setPower(DisplayControlController.PowerRequest request);

    @Operation(summary = "End a manual power override: the schedule decides again")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @ApiResponse(responseCode = "200", description = "The power now", content = @Content(examples = @ExampleObject(
            "{\"on\":true,\"until\":\"2026-12-01T22:00:00Z\",\"manual\":false}")))
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(UNAUTHORIZED)))
    DisplayPower clearPower();

    @Operation(summary = "Show a notification", description = "Shown at once over the rotation (a pin still wins; a "
            + "panel that is off stays off), then the rotation goes on where it was. Several wait their turn (at most "
            + "16; one not shown within 5 minutes is dropped). `duration` is seconds on screen (default 10); a "
            + "scrolling text with `repeat` instead stays until it has scrolled through that many times. Text wider "
            + "than the panel always scrolls.")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            "{\"text\":\"Someone is at the door\",\"color\":\"#ffcc00\",\"duration\":15,\"scroll\":true,\"repeat\":2}")))
    @ApiResponse(responseCode = "202", description = "Queued", content = @Content(examples = @ExampleObject("""
            {"id":3,"text":"Someone is at the door","color":"#ffcc00","duration":15,"scroll":true,"repeat":2,
             "queuedAt":"2026-12-01T18:02:11Z"}""")))
    @ApiResponse(responseCode = "400", description = "A field missing or invalid; the problem names it",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                     "detail":"color: must be #rrggbb, got 'yellow'",
                     "errors":[{"field":"color","message":"must be #rrggbb, got 'yellow'"}]}""")))
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(UNAUTHORIZED)))
    @ApiResponse(responseCode = "429", description = "16 notifications are already waiting", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/too-many-notifications","title":"Too many notifications waiting","status":429,
                     "detail":"16 notifications are already waiting to be shown; try again once they have been"}""")))
    ResponseEntity<Notification> notify(NotificationRequest request);

    @Operation(summary = "The schedule: when the panel is on and how bright", description = "Windows are weekly, read "
            + "in `timeZone` (null: ledmatrix.time-zone). A window whose `to` is not after its `from` crosses "
            + "midnight and belongs to the day it starts on. No `on` windows: always on.")
    @ApiResponse(responseCode = "200", description = "The schedule", content = @Content(examples = @ExampleObject(SCHEDULE)))
    Schedule schedule();

    @Operation(summary = "Replace the schedule", description = "Validated (every mistake named by its path, such as "
            + "`on[1].from`; windows of one list must not overlap), persisted atomically, applied from the next frame. "
            + "Daylight saving: an edge in the skipped hour takes effect when the clocks jump; in the repeated hour, "
            + "at its first occurrence. `dim` brightness is absolute (1-100) and replaces the manual one during its "
            + "window. Until the system clock is synchronized, the schedule is held (the panel stays on) and health "
            + "says so.")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(SCHEDULE)))
    @ApiResponse(responseCode = "200", description = "The schedule in effect", content = @Content(
            examples = @ExampleObject(SCHEDULE)))
    @ApiResponse(responseCode = "400", description = "An invalid or overlapping window, a bad time zone",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(BAD_SCHEDULE)))
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(UNAUTHORIZED)))
    Schedule setSchedule(Schedule schedule);

    @Operation(summary = "The rotation order: every plugin, in the order shown")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(examples = @ExampleObject(
            "{\"order\":[\"clock\",\"message\",\"weather\"]}")))
    RotationOrder rotation();

    @Operation(summary = "Set the rotation order", description = "The listed plugins come first, in this order; the "
            + "others follow by id. Persisted (it replaces ledmatrix.display.rotation-order from then on); applies "
            + "from the next turn.")
    @SecurityRequirement(name = OpenApiConfig.BEARER)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            "{\"order\":[\"message\",\"clock\"]}")))
    @ApiResponse(responseCode = "200", description = "The whole order now", content = @Content(
            examples = @ExampleObject("{\"order\":[\"message\",\"clock\",\"weather\"]}")))
    @ApiResponse(responseCode = "400", description = "An unknown or repeated plugin id", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/invalid-request","title":"Invalid request","status":400,
                     "detail":"order[1]: no plugin 'wether'","errors":[{"field":"order[1]","message":"no plugin 'wether'"}]}""")))
    @ApiResponse(responseCode = "401", description = "No or wrong bearer token", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(UNAUTHORIZED)))
    RotationOrder setRotation(RotationOrder order);
}
