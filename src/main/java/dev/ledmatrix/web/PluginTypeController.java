package dev.ledmatrix.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ledmatrix.plugin.PluginTypeRegistry;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** The plugin types: what can be instantiated, with defaults and config schema. */
@RestController
@RequestMapping(path = "/api/v1/plugin-types", produces = "application/json")
@Tag(name = "Plugin types", description = "Built-in and external plugin types with their config schemas")
class PluginTypeController {

    /**
     * One plugin type. Durations are seconds; defaultDisplayDuration null means the display's default.
     *
     * @param source {@code built-in} or the jar it came from
     */
    record PluginTypeInfo(String id, String name, String version, String description,
            java.time.Duration defaultUpdateInterval, java.time.Duration defaultDisplayDuration, String source,
            JsonNode configSchema) {
    }

    /** The types, and the jars that could not be loaded. */
    record PluginTypeList(List<PluginTypeInfo> types, List<PluginTypeRegistry.FailedJar> failedJars) {
    }

    private final PluginTypeRegistry registry;
    PluginTypeController(PluginTypeRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "All plugin types", description = "Also lists plugin jars that failed to load, and why. "
            + "Jars in ledmatrix.plugins-dir are trusted code: they run with the service's privileges.")
    public PluginTypeList list() {
        return new PluginTypeList(registry.all().stream().map(this::info)
                .sorted(Comparator.comparing(PluginTypeInfo::id)).toList(), registry.failedJars());
    }

    @GetMapping("/{type}")
    @Operation(summary = "One plugin type with its config schema")
    @ApiResponse(responseCode = "200", description = "The type")
    @ApiResponse(responseCode = "404", description = "No such type", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type":"/problems/not-found","title":"Not found","status":404,
                     "detail":"No plugin type 'weather'; known types: clock, http-json, text"}""")))
    public PluginTypeInfo get(@PathVariable String type) {
        return registry.find(type).map(this::info).orElseThrow(() -> new NotFoundException(
                "No plugin type '" + type + "'; known types: " + String.join(", ",
                        registry.all().stream().map(t -> t.descriptor().id()).sorted().toList())));
    }

    private PluginTypeInfo info(PluginType type) {
        PluginDescriptor d = type.descriptor();
        return new PluginTypeInfo(d.id(), d.name(), d.version(), d.description(), d.defaultUpdateInterval(),
                d.defaultDisplayDuration(), registry.sourceOf(d.id()), registry.schemaOf(d.id()));
    }
}
