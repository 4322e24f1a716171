package dev.ledmatrix.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginSecrets;
import dev.ledmatrix.plugin.PluginTypeRegistry;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;

/**
 * Health component {@code plugins}: UP when every instance runs as configured, DEGRADED (still HTTP 200) when
 * some are in error, failing, hung, or a jar or instance file could not be read. Never DOWN: one bad plugin must
 * not make the service look dead; liveness ignores this component altogether.
 */
@Component
class PluginsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Some plugins are not working; see details");

    private final PluginRuntime runtime;
    private final PluginTypeRegistry types;
    private final PluginSecrets secrets;

    PluginsHealthIndicator(PluginRuntime runtime, PluginTypeRegistry types, PluginSecrets secrets) {
        this.runtime = runtime;
        this.types = types;
        this.secrets = secrets;
    }

    @Override
    public Health health() {
        boolean degraded = !types.failedJars().isEmpty() || !runtime.unreadableFiles().isEmpty();
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (PluginView view : runtime.list().stream().map(secrets::masked).toList()) { // health is open: no secrets
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("type", view.spec().type());
            detail.put("state", view.state().state().jsonName());
            detail.put("enabled", view.spec().enabled());
            if (view.state().lastUpdate() != null) {
                detail.put("lastUpdate", view.state().lastUpdate().toString());
            }
            if (view.updates().consecutiveFailures() > 0) {
                detail.put("consecutiveFailures", view.updates().consecutiveFailures());
            }
            if (view.state().errorInfo() != null) {
                detail.put("error", view.state().errorInfo().error());
            }
            if (view.updates().hungSince() != null) {
                detail.put("hungUpdateSince", view.updates().hungSince().toString());
            }
            degraded |= view.state().state() == PluginState.ERROR || view.updates().consecutiveFailures() > 0
                    || view.updates().hungSince() != null;
            plugins.put(view.id(), detail);
        }
        int hung = runtime.hungUpdates();
        degraded |= hung > 0;
        Health.Builder health = Health.status(degraded ? DEGRADED : Status.UP).withDetail("plugins", plugins)
                .withDetail("hungUpdates", hung).withDetail("maxHungUpdates", runtime.maxHungUpdates());
        if (!types.failedJars().isEmpty()) {
            health.withDetail("failedJars", types.failedJars());
        }
        if (!runtime.unreadableFiles().isEmpty()) {
            health.withDetail("unreadableFiles", runtime.unreadableFiles());
        }
        return health.build();
    }
}
