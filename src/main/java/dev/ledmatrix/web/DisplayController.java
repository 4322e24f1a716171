package dev.ledmatrix.web;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.ledmatrix.display.DisplayInfo;
import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.display.Pin;
import dev.ledmatrix.graphics.Frame;
import io.swagger.v3.oas.annotations.Hidden;

/** The display: what is on screen, brightness, pinning, and the live view (PNG and SSE). */
@RestController
@RequestMapping("/api/v1/display")
class DisplayController implements DisplayApi {

    static final Duration MAX_PIN = Duration.ofDays(7);

    /** Body of {@code PUT /display/brightness}. */
    record BrightnessRequest(Integer brightness) {
    }

    /** Body of {@code POST /display/pin}: duration in seconds, or none to pin until unpinned. */
    record PinRequest(String pluginId, Duration duration) {
    }

    private final DisplayService display;
    private final FrameStream frames;
    private final PngRenderer png;

    DisplayController(DisplayService display, FrameStream frames, PngRenderer png) {
        this.display = display;
        this.frames = frames;
        this.png = png;
    }

    @Override
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public DisplayInfo info() {
        return display.info();
    }

    @Override
    @PutMapping(path = "/brightness", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public DisplayInfo brightness(@RequestBody BrightnessRequest request) {
        if (request.brightness() == null) {
            throw new InvalidRequestException("brightness", "is required (1-100)");
        }
        if (request.brightness() < 1 || request.brightness() > 100) {
            throw new InvalidRequestException("brightness", "must be between 1 and 100, got " + request.brightness());
        }
        display.setBrightness(request.brightness());
        return display.info();
    }

    @Override
    @PostMapping(path = "/pin", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Pin pin(@RequestBody PinRequest request) {
        if (request.pluginId() == null) {
            throw new InvalidRequestException("pluginId", "is required");
        }
        PluginIds.require("pluginId", request.pluginId());
        Duration duration = request.duration();
        if (duration != null && (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_PIN) > 0)) {
            throw new InvalidRequestException("duration", "must be between 1 and " + MAX_PIN.toSeconds()
                    + " seconds, or left out to pin until unpinned");
        }
        return display.pin(request.pluginId(), duration);
    }

    @Override
    @DeleteMapping("/pin")
    public ResponseEntity<Void> unpin() {
        display.unpin();
        return ResponseEntity.noContent().build();
    }

    @Override
    @GetMapping(path = "/frame.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> frame(@RequestParam(defaultValue = "8") int scale) {
        if (scale < 1 || scale > Frame.MAX_PNG_SCALE) {
            throw new InvalidRequestException("scale", "must be between 1 and " + Frame.MAX_PNG_SCALE + ", got " + scale);
        }
        Frame frame = display.currentFrame();
        String tooLarge = png.checkBudget(frame, scale);
        if (tooLarge != null) {
            throw new InvalidRequestException("scale", tooLarge);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(png.render(frame, scale));
    }

    @Override
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return frames.connect();
    }

    /** HEAD of the stream: its headers at once, no connection held (a GET mapping alone would stream). */
    @RequestMapping(path = "/stream", method = RequestMethod.HEAD)
    @Hidden
    ResponseEntity<Void> streamHead() {
        frames.checkRoom();
        return StreamHeads.ok();
    }
}
