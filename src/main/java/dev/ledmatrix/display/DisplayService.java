package dev.ledmatrix.display;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.ledmatrix.display.panel.Panel;
import dev.ledmatrix.display.panel.PanelStatus;
import dev.ledmatrix.graphics.Frame;
import dev.ledmatrix.plugin.ConfigViolation;
import dev.ledmatrix.plugin.PluginException;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;

/**
 * The display's public face: what is shown and why, power, schedules, notifications, brightness, pinning, the
 * rotation order and the live frames.
 */
@Service
public class DisplayService {

    private final RenderLoop loop;
    private final Panel panel;
    private final PanelStatus panelStatus;
    private final PluginRuntime runtime;
    private final BrightnessStore brightnessStore;
    private final DisplayProperties properties;
    private final Clock clock;
    private final DisplaySettings settings;

    DisplayService(RenderLoop loop, Panel panel, PanelStatus panelStatus, PluginRuntime runtime,
            BrightnessStore brightnessStore, DisplayProperties properties, Clock clock, DisplaySettings settings) {
        this.settings = settings;
        this.loop = loop;
        this.panel = panel;
        this.panelStatus = panelStatus;
        this.runtime = runtime;
        this.brightnessStore = brightnessStore;
        this.properties = properties;
        this.clock = clock;
    }

    public DisplayInfo info() {
        ScreenState screen = loop.screen();
        PowerPlan.State power = settings.power(clock.instant(), loop.brightness());
        ScreenReason reason;
        Instant next;
        if (screen == null || screen.power().on() != power.on()) {
            // before the first frame, or the power changed since the last one: say what the next frame will show
            reason = power.on() ? power.overridesSchedule() ? ScreenReason.OVERRIDE : ScreenReason.ROTATION
                    : power.offReason();
            next = power.until();
        } else {
            reason = screen.reason();
            next = screen.nextChangeAt();
        }
        return new DisplayInfo(panel.width(), panel.height(), panel.backend(), loop.brightness(), power.brightness(),
                loop.measuredFps(), properties.fps(), screen == null ? null : screen.pluginId(), loop.pin(),
                loop.framesPushed(), panelStatus.problem(), reason, next, power.power(),
                screen == null ? null : screen.notification(), loop.notifications().waiting().size(), power.held(),
                settings.zone().getId());
    }

    // --- power ---------------------------------------------------------------------------------------------------

    /** Whether the panel is on now, until when, and whether by hand. */
    public DisplayPower power() {
        return settings.power(clock.instant(), loop.brightness()).power();
    }

    /**
     * Switches the panel on or off by hand, overriding the schedule until {@code until}, or with null until the next
     * scheduled change (for good, without a schedule). Off shows black frames; the render loop and the plugins keep
     * running. Persisted, so it survives a restart until it expires.
     *
     * @throws InvalidDisplayRequest when {@code until} is not in the future
     */
    public DisplayPower setPower(boolean on, Instant until) {
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw new InvalidDisplayRequest(List.of(new ConfigViolation("until",
                    "must be in the future (now is " + now + "), or null for the next scheduled change")));
        }
        if (until != null && until.isAfter(now.plus(MAX_OVERRIDE))) {
            throw new InvalidDisplayRequest(List.of(new ConfigViolation("until",
                    "must be within " + MAX_OVERRIDE.toDays() + " days")));
        }
        settings.override(new PowerOverride(on, until, now));
        return power();
    }

    /** Ends a manual override: the schedule decides again. */
    public DisplayPower clearPowerOverride() {
        settings.override(null);
        return power();
    }

    static final Duration MAX_OVERRIDE = Duration.ofDays(366);

    // --- notifications -------------------------------------------------------------------------------------------

    /**
     * Queues a notification: shown at once over the rotation (a pin still wins, and an off panel stays off), then
     * the rotation goes on where it was. Several wait their turn.
     *
     * @throws InvalidDisplayRequest when a field is invalid
     * @throws NotificationQueueFull when {@link Notifications#MAX_WAITING} are waiting already
     */
    public Notification notify(NotificationRequest request) {
        List<ConfigViolation> errors = request.violations();
        if (!errors.isEmpty()) {
            throw new InvalidDisplayRequest(errors);
        }
        return loop.notifications().add(request, clock.instant());
    }

    /** How long a notification stays on screen. */
    public Duration notificationLength(Notification notification) {
        return loop.painter().length(notification);
    }

    /** Notifications waiting their turn, oldest first. */
    public List<Notification> waitingNotifications() {
        return loop.notifications().waiting();
    }

    // --- schedule ------------------------------------------------------------------------------------------------

    public Schedule schedule() {
        return settings.schedule();
    }

    /** The zone schedules and display windows are read in now. */
    public java.time.ZoneId zone() {
        return settings.zone();
    }

    /**
     * Replaces the schedule: validated (every mistake named, overlapping windows refused), persisted atomically,
     * applied from the next frame.
     *
     * @throws InvalidDisplayRequest when it is not valid; nothing changed
     */
    public Schedule setSchedule(Schedule schedule) {
        return settings.schedule(schedule == null ? Schedule.ALWAYS_ON : schedule);
    }

    /** Whether the schedule waits for the clock, and why. Null when it does not. */
    public String scheduleHeldBecause() {
        return settings.clockSynced() ? null : settings.clockExplanation();
    }

    // --- rotation order ------------------------------------------------------------------------------------------

    /** Every instance in rotation order. */
    public List<String> rotationOrder() {
        return settings.arrange(runtime.ids());
    }

    /**
     * Sets the order: these ids first, in this order, the others after them by id. Persisted; applies from the next
     * turn.
     *
     * @throws InvalidDisplayRequest for an unknown or repeated id; nothing changed
     */
    public List<String> setRotationOrder(List<String> ids) {
        List<ConfigViolation> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> known = runtime.ids();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !known.contains(id)) {
                errors.add(new ConfigViolation("order[" + i + "]", "no plugin '" + id + "'"));
            } else if (!seen.add(id)) {
                errors.add(new ConfigViolation("order[" + i + "]", "'" + id + "' is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDisplayRequest(errors);
        }
        settings.order(ids);
        return rotationOrder();
    }

    /** Sets and persists the brightness (1-100); the render thread applies it with the next frame. */
    public int setBrightness(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("brightness must be between 1 and 100, got " + percent);
        }
        brightnessStore.save(percent);
        loop.brightness(percent);
        return percent;
    }

    /**
     * Holds a plugin on screen for {@code duration}, or until unpinned when it is null. The plugin must exist and
     * be enabled.
     */
    public Pin pin(String pluginId, Duration duration) {
        PluginView view = runtime.get(pluginId);
        PluginState state = view.state().state();
        if (state != PluginState.ENABLED && state != PluginState.RUNNING) {
            throw new PluginException.StateConflict(pluginId, "pin", state, "only an enabled plugin can be shown");
        }
        Instant now = clock.instant();
        Pin pin = new Pin(pluginId, now, duration == null ? null : now.plus(duration));
        loop.pin(pin);
        return pin;
    }

    public void unpin() {
        loop.pin(null);
    }

    /** The frame on the panel now (black before the first). */
    public Frame currentFrame() {
        return loop.lastFrame();
    }

    /** Every new frame, on the render thread; closing the result unsubscribes. */
    public AutoCloseable subscribe(FrameListener listener) {
        return loop.subscribe(listener);
    }

    public boolean renderLoopRunning() {
        return loop.alive();
    }

    public long framesPushed() {
        return loop.framesPushed();
    }

    public double pushSeconds() {
        return loop.pushSeconds();
    }

    public double measuredFps() {
        return loop.measuredFps();
    }

    public PanelStatus panelStatus() {
        return panelStatus;
    }
}
