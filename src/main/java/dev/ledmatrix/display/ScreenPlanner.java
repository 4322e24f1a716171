package dev.ledmatrix.display;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The one place that decides what is on screen, frame by frame, from the time and the state it is given. In order
 * of precedence:
 * <ol>
 * <li>off (schedule off or switched off by hand): black; a manual power-on beats the schedule's off;</li>
 * <li>a pin, while its plugin can be shown;</li>
 * <li>a notification, the first waiting one;</li>
 * <li>live content: plugins with live priority that say they have it, taking turns;</li>
 * <li>the rotation, which resumes where it was interrupted.</li>
 * </ol>
 * Only the render thread calls it (tests call it with a hand-moved clock).
 */
final class ScreenPlanner {

    private final Rotation rotation = new Rotation();
    private final Rotation liveTurns = new Rotation();

    ScreenState decide(Instant now, PowerPlan.State power, Pin pin, Notifications notifications,
            Function<Notification, Duration> notificationLength, Lineup lineup) {
        if (!power.on()) {
            rotation.pause(now);
            notifications.expire(now);
            return new ScreenState(power.offReason(), null, null, null, power.until(), power);
        }
        if (pin != null && pin.activeAt(now) && lineup.renderable(pin.pluginId(), now)) {
            String id = rotation.choose(now, lineup.order(), p -> lineup.renderable(p, now) && lineup.inWindow(p, now),
                    lineup, pin);
            notifications.expire(now);
            return new ScreenState(ScreenReason.PINNED, id, null, rotation.since(),
                    ScreenState.earliest(pin.until(), power.until()), power);
        }
        Notifications.Showing note = notifications.show(now, notificationLength);
        if (note != null) {
            rotation.pause(now);
            return new ScreenState(ScreenReason.NOTIFICATION, null, note.notification(), note.since(),
                    ScreenState.earliest(note.until(), power.until()), power);
        }
        List<String> order = lineup.order();
        List<String> live = order.stream()
                .filter(id -> lineup.live(id) && lineup.renderable(id, now) && lineup.inWindow(id, now)).toList();
        if (!live.isEmpty()) {
            rotation.pause(now);
            String id = liveTurns.choose(now, live, live::contains, lineup, null);
            return new ScreenState(ScreenReason.LIVE, id, null, liveTurns.since(),
                    ScreenState.earliest(live.size() > 1 ? liveTurns.turnEnds(lineup) : null, power.until()), power);
        }
        String id = rotation.choose(now, order, p -> lineup.renderable(p, now) && lineup.inWindow(p, now), lineup, null);
        ScreenReason reason = power.overridesSchedule() ? ScreenReason.OVERRIDE : ScreenReason.ROTATION;
        return new ScreenState(reason, id, null, rotation.since(),
                ScreenState.earliest(id == null ? null : rotation.turnEnds(lineup), power.until()), power);
    }

    String rotationCurrent() {
        return rotation.current();
    }
}
