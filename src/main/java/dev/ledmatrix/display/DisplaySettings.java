package dev.ledmatrix.display;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The display's persisted settings (schedule, manual power, rotation order), each in its own file in the data
 * directory, written atomically, and the power state they give at an instant. Writers are serialised; the render
 * thread reads a cached power state, recomputed only when a setting changed or the state was due to change.
 */
@Component
class DisplaySettings {

    /** Used when the build time is unknown (no build-info): a clock earlier than this is surely unset. */
    static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2026-01-01T00:00:00Z");

    private record Cached(long version, int manualBrightness, boolean synced, Instant at, Instant validUntil,
            PowerPlan.State state) {
    }

    private final JsonStore<Schedule> scheduleStore;
    private final JsonStore<PowerOverride> powerStore;
    private final JsonStore<RotationOrder> orderStore;
    private final ZoneId defaultZone;
    private final ClockSync clockSync;
    private final List<String> configuredOrder;

    private volatile Schedule schedule;
    private volatile PowerOverride override;
    private volatile List<String> order;
    private volatile long version;
    private volatile Cached cached;

    @Autowired
    DisplaySettings(DataDirectory dataDirectory, JsonMapper json, TimeProperties time, DisplayProperties display,
            Clock clock, ObjectProvider<BuildProperties> build) {
        this(new JsonStore<>(dataDirectory.resolve("display-schedule.json"), Schedule.class, json),
                new JsonStore<>(dataDirectory.resolve("display-power.json"), PowerOverride.class, json),
                new JsonStore<>(dataDirectory.resolve("rotation-order.json"), RotationOrder.class, json),
                time.zone(), new ClockSync(clock, notBefore(build.getIfAvailable()), time.clockSyncFile()),
                display.rotationOrder());
    }

    DisplaySettings(JsonStore<Schedule> scheduleStore, JsonStore<PowerOverride> powerStore,
            JsonStore<RotationOrder> orderStore, ZoneId defaultZone, ClockSync clockSync, List<String> configuredOrder) {
        this.scheduleStore = scheduleStore;
        this.powerStore = powerStore;
        this.orderStore = orderStore;
        this.defaultZone = defaultZone;
        this.clockSync = clockSync;
        this.configuredOrder = List.copyOf(configuredOrder);
        this.schedule = scheduleStore.load().filter(s -> s.violations().isEmpty()).orElse(Schedule.ALWAYS_ON);
        this.override = powerStore.load().filter(o -> o.setAt() != null).orElse(null);
        this.order = orderStore.load().map(RotationOrder::order).orElse(this.configuredOrder);
    }

    private static Instant notBefore(BuildProperties build) {
        return build != null && build.getTime() != null ? build.getTime() : EARLIEST_PLAUSIBLE;
    }

    // --- schedule ------------------------------------------------------------------------------------------------

    Schedule schedule() {
        return schedule;
    }

    ZoneId zone() {
        return schedule.zone(defaultZone);
    }

    ZoneId defaultZone() {
        return defaultZone;
    }

    synchronized Schedule schedule(Schedule value) {
        List<dev.ledmatrix.plugin.ConfigViolation> errors = value.violations();
        if (!errors.isEmpty()) {
            throw new InvalidDisplayRequest(errors);
        }
        scheduleStore.save(value);
        schedule = value;
        version++;
        return value;
    }

    // --- manual power --------------------------------------------------------------------------------------------

    PowerOverride override() {
        return override;
    }

    synchronized void override(PowerOverride value) {
        if (value == null) {
            powerStore.delete();
        } else {
            powerStore.save(value);
        }
        override = value;
        version++;
    }

    boolean clockSynced() {
        return clockSync.synced();
    }

    String clockExplanation() {
        return clockSync.explanation();
    }

    /** Power and brightness at {@code now}; cheap enough for every frame. */
    PowerPlan.State power(Instant now, int manualBrightness) {
        boolean synced = clockSync.synced();
        Cached c = cached;
        if (c != null && c.version() == version && c.manualBrightness() == manualBrightness && c.synced() == synced
                && !now.isBefore(c.at()) && (c.validUntil() == null || now.isBefore(c.validUntil()))) {
            return c.state();
        }
        long v = version;
        PowerPlan.State state = PowerPlan.at(now, schedule, zone(), override, synced, manualBrightness);
        cached = new Cached(v, manualBrightness, synced, now, state.validUntil(), state);
        return state;
    }

    // --- rotation order ------------------------------------------------------------------------------------------

    /** The ids placed first, as configured or last set. */
    List<String> order() {
        return order;
    }

    synchronized void order(List<String> ids) {
        orderStore.save(new RotationOrder(ids));
        order = List.copyOf(ids);
    }

    /** All of {@code ids} in rotation order: the placed ones first, then the rest as given (by id). */
    List<String> arrange(List<String> ids) {
        List<String> placed = order;
        if (placed.isEmpty()) {
            return ids;
        }
        Set<String> ordered = new LinkedHashSet<>(placed);
        ordered.retainAll(ids);
        List<String> result = new ArrayList<>(ordered);
        for (String id : ids) {
            if (!ordered.contains(id)) {
                result.add(id);
            }
        }
        return result;
    }
}
