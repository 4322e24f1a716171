package dev.ledmatrix.plugin;

import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

/** The live instances by id, in id order; shared by the runtime, the scheduler and the renderer. */
@Component
class Instances {

    private final ConcurrentSkipListMap<String, ManagedPlugin> byId = new ConcurrentSkipListMap<>();

    ManagedPlugin get(String id) {
        return byId.get(id);
    }

    Collection<ManagedPlugin> all() {
        return byId.values();
    }

    /** @return the existing instance with that id, or null if {@code mp} was added */
    ManagedPlugin putIfAbsent(ManagedPlugin mp) {
        return byId.putIfAbsent(mp.id, mp);
    }

    void remove(ManagedPlugin mp) {
        byId.remove(mp.id, mp);
    }
}
