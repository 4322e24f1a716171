package dev.ledmatrix.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/grafana-dashboard.json imports anywhere (data source chosen at import) and queries only real metrics. */
class GrafanaDashboardTest {

    /** The service's meters as Prometheus names them (SPEC section 9; histogram buckets from application.properties). */
    private static final Set<String> METRICS = Set.of(
            "ledmatrix_plugin_updates_seconds_bucket", "ledmatrix_plugin_updates_seconds_count",
            "ledmatrix_plugin_updates_seconds_sum", "ledmatrix_plugin_updates_seconds_max",
            "ledmatrix_plugin_renders_seconds_bucket", "ledmatrix_plugin_renders_seconds_count",
            "ledmatrix_plugin_renders_seconds_sum", "ledmatrix_plugin_renders_seconds_max",
            "ledmatrix_plugin_state", "ledmatrix_plugin_consecutive_failures", "ledmatrix_display_frames_total",
            "ledmatrix_display_frame_push_seconds_count", "ledmatrix_display_frame_push_seconds_sum",
            "ledmatrix_display_fps");
    private static final Pattern METRIC = Pattern.compile("ledmatrix_[a-z_]+");

    private final JsonNode dashboard = JsonMapper.builder().build().readTree(DeploymentFiles.read("docs/grafana-dashboard.json"));

    @Test
    void everyPanelReadsFromTheDataSourceVariable() {
        JsonNode variables = dashboard.path("templating").path("list");
        assertThat(variables.values()).anySatisfy(v -> {
            assertThat(v.path("type").asString()).isEqualTo("datasource");
            assertThat(v.path("query").asString()).isEqualTo("prometheus");
            assertThat(v.path("name").asString()).isEqualTo("datasource");
        });
        assertThat(variables.values()).filteredOn(v -> v.path("type").asString().equals("query")).isNotEmpty()
                .allSatisfy(v -> assertThat(v.path("datasource").path("uid").asString()).isEqualTo("${datasource}"));
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").values().forEach(p -> {
            if (!p.path("type").asString().equals("row")) {
                panels.add(p);
            }
        });
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8).allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                    .isEqualTo("${datasource}");
            assertThat(panel.path("targets").values()).isNotEmpty().allSatisfy(t ->
                    assertThat(t.path("datasource").path("uid").asString()).isEqualTo("${datasource}"));
        });
    }

    @Test
    void queriesUseOnlyMetricsTheServiceExportsAndCoverEachOfThem() {
        Set<String> used = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used).isSubsetOf(METRICS);
        assertThat(used).contains("ledmatrix_plugin_updates_seconds_bucket", "ledmatrix_plugin_renders_seconds_bucket",
                "ledmatrix_plugin_state", "ledmatrix_plugin_consecutive_failures", "ledmatrix_display_frames_total",
                "ledmatrix_display_frame_push_seconds_sum", "ledmatrix_display_fps");
        assertThat(expressions()).anyMatch(e -> e.startsWith("histogram_quantile(0.95,"));
    }

    private List<String> expressions() {
        List<String> out = new ArrayList<>();
        dashboard.path("panels").values().forEach(p -> p.path("targets").values()
                .forEach(t -> out.add(t.path("expr").asString())));
        return out;
    }
}
