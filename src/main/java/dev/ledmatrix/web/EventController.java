package dev.ledmatrix.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
    @ApiResponse(responseCode = "200", description = "An endless event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, examples = @ExampleObject("""
                    event:state
                    id:118
                    data:{"pluginId":"clock","seq":118,"timestamp":"2026-11-25T16:40:00Z","from":"running","to":"enabled","error":null}
                    """)))
    public SseEmitter events() {
        return stream.connect();
    }
}
