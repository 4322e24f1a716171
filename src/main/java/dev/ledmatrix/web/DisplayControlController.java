package dev.ledmatrix.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ledmatrix.display.DisplayPower;
import dev.ledmatrix.display.DisplayService;
import dev.ledmatrix.display.Notification;
import dev.ledmatrix.display.NotificationRequest;
import dev.ledmatrix.display.RotationOrder;
import dev.ledmatrix.display.Schedule;

/** When the display is on, how bright, in what order, and what interrupts it: power, schedule, rotation, notify. */
@RestController
@RequestMapping(path = "/api/v1/display", produces = MediaType.APPLICATION_JSON_VALUE)
class DisplayControlController implements DisplayControlApi {

    /** Body of {@code PUT /display/power}. */
    record PowerRequest(Boolean on, Instant until) {
    }

    private final DisplayService display;

    DisplayControlController(DisplayService display) {
        this.display = display;
    }

    @Override
    @GetMapping("/power")
    public DisplayPower power() {
        return display.power();
    }

    @Override
    @PutMapping(path = "/power", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DisplayPower setPower(@RequestBody PowerRequest request) {
        if (request.on() == null) {
            throw new InvalidRequestException("on", "is required: true or false");
        }
        return display.setPower(request.on(), request.until());
    }

    @Override
    @DeleteMapping("/power")
    public DisplayPower clearPower() {
        return display.clearPowerOverride();
    }

    @Override
    @PostMapping(path = "/notify", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Notification> notify(@RequestBody NotificationRequest request) {
        return ResponseEntity.accepted().body(display.notify(request));
    }

    @Override
    @GetMapping("/schedule")
    public Schedule schedule() {
        return display.schedule();
    }

    @Override
    @PutMapping(path = "/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Schedule setSchedule(@RequestBody Schedule schedule) {
        return display.setSchedule(schedule);
    }

    @Override
    @GetMapping("/rotation")
    public RotationOrder rotation() {
        return new RotationOrder(display.rotationOrder());
    }

    @Override
    @PutMapping(path = "/rotation", consumes = MediaType.APPLICATION_JSON_VALUE)
    public RotationOrder setRotation(@RequestBody RotationOrder order) {
        List<String> ids = order.order();
        return new RotationOrder(display.setRotationOrder(ids));
    }
}
