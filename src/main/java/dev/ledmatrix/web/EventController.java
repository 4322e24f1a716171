package dev.ledmatrix.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/events}: every state transition, live. */
@RestController
@Tag(name = "Events", description = "Server-Sent Events of plugin state transitions")
class EventController {

    private final StateEventStream stream;

    EventController(StateEventStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stream of state transitions",
            description = "Server-Sent Events: one `state` event per transition of any plugin, in order, with the "
                    + "transition's seq as the event id; a comment every 15 s keeps idle connections open. Try "
                    + "`curl -N http://localhost:8080/api/v1/events`.")
    @ApiResponse(responseCode = "400", description = "Last-Event-ID is not the id of an event")
    @ApiResponse(responseCode = "503", description = "The stream has ledmatrix.web.max-stream-clients viewers "
            + "already; try again after Retry-After seconds")
    @ApiResponse(responseCode = "200", description = "An event stream; the server ends it after "
            + "ledmatrix.web.stream-lifetime and the client reconnects with Last-Event-ID", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"), examples = @ExampleObject("""
                    event:state
                    id:118
                    data:{"pluginId":"clock","seq":118,"timestamp":"2026-11-25T16:40:00Z","from":"running","to":"enabled","error":null}
                    """)))
    public SseEmitter events(@Parameter(description = "The id of the last event a reconnecting client saw; the "
            + "transitions after it that the history still holds are sent first (browsers send it by themselves)",
            example = "118") @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) {
        if (lastEventId != null && lastEventId < 0) {
            throw new InvalidRequestException("Last-Event-ID", "must be the id of an event of this stream (0 or "
                    + "more), got " + lastEventId);
        }
        return stream.connect(lastEventId);
    }

    /** HEAD of the stream: its headers at once, no connection held (a GET mapping alone would stream). */
    @RequestMapping(path = "/api/v1/events", method = RequestMethod.HEAD)
    @Hidden
    ResponseEntity<Void> eventsHead() {
        stream.checkRoom();
        return StreamHeads.ok();
    }
}
