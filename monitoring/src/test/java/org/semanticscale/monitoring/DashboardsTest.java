package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboards parse, use the provisioned datasource, and have the class and instance variables (and the view
 * variable on the scale dashboard).
 */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode dashboard(String file) throws IOException {
        return JSON.readTree(
                Promtool.MONITORING.resolve("grafana/dashboards").resolve(file).toFile());
    }

    @Test
    void bothDashboardsParseWithUniquePanelsAndTheirVariables() throws IOException {
        for (String file : List.of("semantic-scale-imbalance.json", "online-trainer.json")) {
            JsonNode d = dashboard(file);
            assertFalse(d.path("uid").asText().isEmpty(), file + " has a uid");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.path("panels")) {
                assertTrue(ids.add(panel.path("id").asInt()), file + ": panel ids are unique");
                assertEquals(
                        "ssi-prometheus",
                        panel.path("datasource").path("uid").asText(),
                        file + ": " + panel.path("title"));
                assertTrue(panel.path("targets").size() > 0, file + ": " + panel.path("title") + " has a query");
            }
            Set<String> variables = new HashSet<>();
            d.path("templating")
                    .path("list")
                    .forEach(v -> variables.add(v.path("name").asText()));
            assertEquals(
                    file.equals("semantic-scale-imbalance.json")
                            ? Set.of("class", "instance", "view")
                            : Set.of("class", "instance"),
                    variables,
                    file);
        }
    }

    @Test
    void theScaleDashboardShowsWhatTheIssueAsksFor() throws IOException {
        String all = dashboard("semantic-scale-imbalance.json").toString();
        for (String metric : List.of(
                "ssi_semantic_scale",
                "ssi_semantic_volume_normalized",
                "ssi_semantic_weight",
                "ssi_window_vectors",
                "ssi_imbalance_ratio",
                "ssi_class_saturated",
                "ssi_class_underrepresented",
                "SsiClassUnderrepresented",
                "ssi_class_collapsed",
                "ssi_class_volume_baseline",
                "SsiClassCollapsed")) {
            assertTrue(all.contains(metric), metric);
        }
        // Both views: S input and S model side by side, and every per-view query filtered by the view variable.
        List<String> exprs = new java.util.ArrayList<>();
        dashboard("semantic-scale-imbalance.json")
                .path("panels")
                .forEach(p ->
                        p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertTrue(
                exprs.contains(
                        "max by (class, view) (ssi_semantic_scale{instance=~\"$instance\", view=\"input\", class=~\"$class\"})"));
        assertTrue(
                exprs.contains(
                        "max by (class, view) (ssi_semantic_scale{instance=~\"$instance\", view=\"model\", class=~\"$class\"})"));
        for (String expr : exprs) {
            assertTrue(expr.contains("view") || expr.contains("ssi_dead_letters_total"), expr + " names its view");
        }
        String trainer = dashboard("online-trainer.json").toString();
        for (String metric : List.of(
                "ssi_trainer_loss",
                "ssi_trainer_prequential_accuracy",
                "ssi_trainer_stage",
                "ssi_trainer_samples_total",
                "ssi_trainer_step_time_seconds",
                "ssi_trainer_class_weight")) {
            assertTrue(trainer.contains(metric), metric);
        }
    }

    @Test
    void provisioningPointsAtTheDashboardsAndThePrometheusDatasource() throws IOException {
        String datasource =
                Files.readString(Promtool.MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertTrue(datasource.contains("uid: ssi-prometheus"));
        String provider = Files.readString(Promtool.MONITORING.resolve("grafana/provisioning/dashboards/ssi.yml"));
        assertTrue(provider.contains("path: /var/lib/grafana/dashboards"));
    }

    @Test
    void metricNamesAreFoundInExpressionsButLabelsAndFunctionsAreNot() {
        assertEquals(
                Set.of("ssi_dead_letters_total"),
                PromQl.metricNames("sum by (reason) (rate(ssi_dead_letters_total{instance=~\"$instance\"}[5m]))"));
        assertEquals(
                Set.of("ssi_trainer_step_time_seconds_sum", "ssi_trainer_step_time_seconds_count"),
                PromQl.metricNames(
                        "rate(ssi_trainer_step_time_seconds_sum{a=\"b\"}[1m]) / rate(ssi_trainer_step_time_seconds_count[1m])"));
        assertEquals(
                Set.of("ssi_scales_last_published_seconds"),
                PromQl.metricNames("time() - max(ssi_scales_last_published_seconds) > 600"));
        assertEquals(
                Set.of("ssi_semantic_scale"),
                PromQl.metricNames("label_values(ssi_semantic_scale{instance=~\"$instance\"}, class)"));
        assertEquals(
                Set.of("ssi_class_collapsed"),
                PromQl.metricNames("max by (class, view) (last_over_time(ssi_class_collapsed[2m])) == 1"));
    }
}
