package dev.ledmatrix.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.state.StateInfo;
import dev.ledmatrix.state.StateTransition;

/** The read side of the plugin API: what each plugin is doing and what happened to it. */
@RestController
@RequestMapping(path = "/api/v1/plugins", produces = "application/json")
class PluginQueryController implements PluginQueryApi {

    static final int MAX_HISTORY_LIMIT = 1000;

    private final PluginStateManager states;

    PluginQueryController(PluginStateManager states) {
        this.states = states;
    }

    @Override
    @GetMapping
    public List<PluginSummary> list() {
        return states.pluginIds().stream()
                .sorted(Comparator.naturalOrder())
                .map(id -> PluginSummary.of(id, states.stateInfo(id)))
                .toList();
    }

    @Override
    @GetMapping("/{id}")
    public PluginDetails get(@PathVariable String id) {
        return new PluginDetails(id, stateOf(id));
    }

    @Override
    @GetMapping("/{id}/state")
    public StateInfo state(@PathVariable String id) {
        return stateOf(id);
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
        stateOf(id);
        return states.history(id, limit, beforeSeq == null ? Long.MAX_VALUE : beforeSeq);
    }

    @Override
    @GetMapping("/{id}/error")
    public ResponseEntity<ErrorInfo> error(@PathVariable String id) {
        ErrorInfo info = stateOf(id).errorInfo();
        return info == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(info);
    }

    private StateInfo stateOf(String id) {
        PluginIds.require("id", id);
        if (!states.pluginIds().contains(id)) {
            throw new PluginNotFoundException(id);
        }
        return states.stateInfo(id);
    }
}
