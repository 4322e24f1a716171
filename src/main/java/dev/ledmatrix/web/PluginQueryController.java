package dev.ledmatrix.web;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ledmatrix.plugin.PluginRuntime;
import dev.ledmatrix.plugin.PluginSecrets;
import dev.ledmatrix.plugin.PluginView;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.state.StateInfo;
import dev.ledmatrix.state.StateTransition;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/** The read side of the plugin API: what each plugin is doing and what happened to it. */
@RestController
@RequestMapping(path = "/api/v1/plugins", produces = "application/json")
class PluginQueryController implements PluginQueryApi {

    static final int MAX_HISTORY_LIMIT = 1000;

    private final PluginRuntime runtime;
    private final PluginStateManager states;
    private final Duration defaultDisplayDuration;
    private final PluginSecrets secrets;

    PluginQueryController(PluginRuntime runtime, PluginStateManager states, PluginSecrets secrets,
            @Value("${ledmatrix.display.default-duration:15s}") Duration defaultDisplayDuration) {
        this.runtime = runtime;
        this.states = states;
        this.secrets = secrets;
        this.defaultDisplayDuration = defaultDisplayDuration;
    }

    @Override
    @GetMapping
    public List<PluginSummary> list() {
        return runtime.list().stream().map(secrets::masked).map(PluginSummary::of).toList();
    }

    @Override
    @GetMapping("/{id}")
    public PluginDetails get(@PathVariable String id) {
        PluginView view = viewOf(id);
        return PluginDetails.of(view, runtime.displayDuration(id, defaultDisplayDuration));
    }

    @Override
    @GetMapping("/{id}/state")
    public StateInfo state(@PathVariable String id) {
        return viewOf(id).state();
    }

    @Override
    @GetMapping("/{id}/history")
    public List<StateTransition> history(@PathVariable String id,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) Long beforeSeq) {
        if (limit < 1 || limit > MAX_HISTORY_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_HISTORY_LIMIT + ", got " + limit);
        }
        if (beforeSeq != null && beforeSeq < 1) {
            throw new InvalidRequestException("beforeSeq", "must be 1 or more, got " + beforeSeq);
        }
        viewOf(id);
        return states.history(id, limit, beforeSeq == null ? Long.MAX_VALUE : beforeSeq).stream()
                .map(t -> secrets.masked(id, t)).toList();
    }

    @Override
    @GetMapping("/{id}/error")
    public ResponseEntity<ErrorInfo> error(@PathVariable String id) {
        ErrorInfo info = viewOf(id).state().errorInfo();
        return info == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(info);
    }

    @Override
    @GetMapping("/{id}/config")
    public JsonNode config(@PathVariable String id, HttpServletRequest request) {
        PluginIds.require("id", id);
        PluginView view = runtime.get(id);
        // The owner (with the token) sees the secrets to edit them; anyone else sees them masked.
        return request.isUserInRole("API") ? view.spec().config() : secrets.maskedConfig(view.spec());
    }

    /** The instance as a reader without the token may see it: every read here but the owner's config is masked. */
    private PluginView viewOf(String id) {
        PluginIds.require("id", id);
        return secrets.masked(runtime.get(id));
    }
}
