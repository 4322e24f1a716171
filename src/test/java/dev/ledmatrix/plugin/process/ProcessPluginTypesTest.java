package dev.ledmatrix.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.plugin.PluginProperties;
import dev.ledmatrix.plugin.PluginTypeRegistry;
import dev.ledmatrix.plugin.builtin.BuiltinTypes;
import dev.ledmatrix.plugin.spi.PluginDescriptor;

/** Manifests: good ones become types beside the built-ins; a broken one is listed with its reason, never fatal. */
class ProcessPluginTypesTest {

    @TempDir
    Path dir;

    private void plugin(String folder, String manifest) throws IOException {
        Path d = Files.createDirectories(dir.resolve(folder));
        Files.writeString(d.resolve("plugin.json"), manifest);
        Files.writeString(d.resolve("main.py"), "print('hi')\n");
    }

    @Test
    void goodManifestsBecomeTypesAndBrokenOnesAreListedWithTheirReason() throws IOException {
        plugin("good", """
                {"id": "good", "name": "Good", "version": "2.1.0", "description": "works",
                 "command": ["python3", "main.py"], "updateInterval": 90, "displayDuration": 12.5,
                 "configSchema": {"type": "object", "properties": {"n": {"type": "integer"}}}}""");
        Map<String, String> broken = Map.of(
                "not-json", "{\"id\": ",
                "wrong-id", "{\"id\": \"other\", \"name\": \"x\", \"version\": \"1\", \"command\": [\"python3\"]}",
                "no-command", "{\"id\": \"no-command\", \"name\": \"x\", \"version\": \"1\"}",
                "bad-command", "{\"id\": \"bad-command\", \"name\": \"x\", \"version\": \"1\", \"command\": \"run\"}",
                "outside", "{\"id\": \"outside\", \"name\": \"x\", \"version\": \"1\", \"command\": [\"../x/run\"]}",
                "missing", "{\"id\": \"missing\", \"name\": \"x\", \"version\": \"1\", \"command\": [\"./run.sh\"]}",
                "typo", "{\"id\": \"typo\", \"name\": \"x\", \"version\": \"1\", \"command\": [\"a\"], \"comand\": 1}",
                "bad-interval", "{\"id\": \"bad-interval\", \"name\": \"x\", \"version\": \"1\", \"command\": [\"a\"],"
                        + " \"updateInterval\": -5}",
                "clock", "{\"id\": \"clock\", \"name\": \"x\", \"version\": \"1\", \"command\": [\"a\"]}");
        for (Map.Entry<String, String> e : broken.entrySet()) {
            plugin(e.getKey(), e.getValue());
        }
        Files.createDirectories(dir.resolve("just-a-folder"));
        ProcessSupervisor supervisor = new ProcessSupervisor(ProcessPluginProperties.defaults(), 64, 32);
        try {
            PluginTypeRegistry registry = new PluginTypeRegistry(BuiltinTypes.all(), new PluginProperties(dir),
                    new ProcessPluginTypes(supervisor));
            PluginDescriptor good = registry.find("good").orElseThrow().descriptor();
            assertThat(good.version()).isEqualTo("2.1.0");
            assertThat(good.defaultUpdateInterval()).isEqualTo(Duration.ofSeconds(90));
            assertThat(good.defaultDisplayDuration()).isEqualTo(Duration.ofMillis(12_500));
            assertThat(good.configSchema()).contains("\"n\"");
            assertThat(registry.sourceOf("good")).isEqualTo("good/plugin.json");
            assertThat(registry.sourceOf("clock")).isEqualTo("built-in");
            Map<String, String> reasons = new java.util.HashMap<>();
            registry.failedJars().forEach(f -> reasons.put(f.jar(), f.reason()));
            assertThat(reasons).containsOnlyKeys(broken.keySet().stream().map(k -> k + "/plugin.json").toList());
            assertThat(reasons.get("not-json/plugin.json")).startsWith("plugin.json is not valid JSON");
            assertThat(reasons.get("wrong-id/plugin.json")).contains("must equal the folder name 'wrong-id'");
            assertThat(reasons.get("no-command/plugin.json")).contains("'command' must be a non-empty array");
            assertThat(reasons.get("bad-command/plugin.json")).contains("'command' must be a non-empty array");
            assertThat(reasons.get("outside/plugin.json")).contains("points outside the plugin's folder");
            assertThat(reasons.get("missing/plugin.json")).contains("does not exist in the plugin's folder");
            assertThat(reasons.get("typo/plugin.json")).contains("unknown field 'comand'");
            assertThat(reasons.get("bad-interval/plugin.json")).contains("'updateInterval' must be a number");
            assertThat(reasons.get("clock/plugin.json")).contains("a built-in type already provides");
            assertThat(registry.find("clock").orElseThrow().descriptor().name()).isNotEqualTo("x");
        } finally {
            supervisor.destroy();
        }
    }

    @Test
    void theExamplesShippedWithTheSdkAreValidManifests() {
        ProcessSupervisor supervisor = new ProcessSupervisor(ProcessPluginProperties.defaults(), 64, 32);
        try {
            ProcessPluginTypes.Scan scan = new ProcessPluginTypes(supervisor).scan(Path.of("src/main/python/examples"));
            assertThat(scan.failures()).isEmpty();
            assertThat(scan.types()).extracting(t -> t.descriptor().id()).containsExactly("hello", "weather");
        } finally {
            supervisor.destroy();
        }
    }

    @Test
    void noPluginsDirectoryMeansNoProcessTypes() {
        ProcessSupervisor supervisor = new ProcessSupervisor(ProcessPluginProperties.defaults(), 64, 32);
        try {
            assertThat(new ProcessPluginTypes(supervisor).scan(dir.resolve("absent")).types()).isEqualTo(List.of());
        } finally {
            supervisor.destroy();
        }
    }
}
