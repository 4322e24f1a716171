package dev.ledmatrix.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ledmatrix.plugin.InstanceSpec;
import dev.ledmatrix.plugin.PluginActions;
import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.JsonNode;

/** The write side of the plugin API: create, delete, lifecycle actions and config changes. */
@RestController
@RequestMapping(path = "/api/v1/plugins", produces = "application/json")
class PluginCommandController implements PluginCommandApi {

    private final PluginRuntime runtime;
    private final PluginActions actions;
    private final Duration defaultDisplayDuration;

    PluginCommandController(PluginRuntime runtime, PluginActions actions,
            @Value("${ledmatrix.display.default-duration:15s}") Duration defaultDisplayDuration) {
        this.runtime = runtime;
        this.actions = actions;
        this.defaultDisplayDuration = defaultDisplayDuration;
    }

    @Override
    @PostMapping(consumes = "application/json")
    public ResponseEntity<PluginDetails> create(@RequestBody CreatePluginRequest request) {
        InstanceSpec spec = request.toSpec();
        PluginView view = actions.create(spec);
        return ResponseEntity.created(URI.create("/api/v1/plugins/" + view.id())).body(details(view));
    }

    @Override
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        actions.delete(PluginIds.require("id", id));
        return ResponseEntity.noContent().build();
    }

    @Override
    @PostMapping("/{id}/enable")
    public ActionResult enable(@PathVariable String id) {
        PluginState before = stateOf(id);
        PluginView view = actions.enable(id);
        return result(view, "enable", before, "enabled");
    }

    @Override
    @PostMapping("/{id}/disable")
    public ActionResult disable(@PathVariable String id) {
        PluginState before = stateOf(id);
        PluginView view = actions.disable(id);
        return result(view, "disable", before, "disabled");
    }

    @Override
    @PostMapping("/{id}/update")
    public ResponseEntity<ActionResult> update(@PathVariable String id) {
        PluginIds.require("id", id);
        boolean started = actions.update(id);
        PluginView view = runtime.get(id);
        return ResponseEntity.accepted().body(new ActionResult(id, "update", started, view.state().state(),
                started ? "update started" : "an update is already running"));
    }

    @Override
    @PostMapping("/{id}/reset")
    public ActionResult reset(@PathVariable String id) {
        PluginIds.require("id", id);
        boolean needed = actions.needsReset(id);
        PluginView view = actions.reset(id);
        return new ActionResult(id, "reset", needed, view.state().state(), needed
                ? "error, failures and backoff cleared; the next update is due now"
                : "nothing to reset: no error and no failed updates");
    }

    @Override
    @PostMapping("/{id}/reload")
    public ActionResult reload(@PathVariable String id) {
        PluginIds.require("id", id);
        PluginView view = actions.reload(id);
        return new ActionResult(id, "reload", true, view.state().state(), "rebuilt from its config");
    }

    @Override
    @PutMapping(path = "/{id}/config", consumes = "application/json")
    public PluginDetails putConfig(@PathVariable String id, @RequestBody JsonNode config) {
        PluginIds.require("id", id);
        if (config == null || !config.isObject()) {
            throw new InvalidRequestException("config", "must be a JSON object");
        }
        return details(actions.updateConfig(id, config));
    }

    @Override
    @PatchMapping(path = "/{id}", consumes = "application/json")
    public PluginDetails patch(@PathVariable String id, @RequestBody JsonNode changes) {
        PluginIds.require("id", id);
        runtime.get(id); // 404 before 400: an unknown plugin is the first thing to say
        return details(actions.patch(id, PluginPatch.parse(changes)));
    }

    private PluginState stateOf(String id) {
        PluginIds.require("id", id);
        return runtime.get(id).state().state();
    }

    private ActionResult result(PluginView view, String action, PluginState before, String target) {
        boolean changed = before != view.state().state();
        return new ActionResult(view.id(), action, changed, view.state().state(),
                changed ? target : "already " + target);
    }

    private PluginDetails details(PluginView view) {
        return PluginDetails.of(view, runtime.displayDuration(view.id(), defaultDisplayDuration));
    }
}
