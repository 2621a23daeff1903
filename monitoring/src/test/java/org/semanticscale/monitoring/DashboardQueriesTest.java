package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale dashboard's queries, run by Prometheus' own engine (promtool's PromQL unit tests) over two streams-app
 * instances that both report every series of every class (as during a task's move, README "Metrics across
 * instances"): each query aggregates instance away and shows one line per class and view, never one per instance,
 * and the imbalance ratio comes from stage B's owner.
 */
class DashboardQueriesTest {
    private static final String DASHBOARD = "semantic-scale-imbalance.json";
    /** The panel that shows which instance runs what: grouped by instance on purpose. */
    private static final String PER_INSTANCE_PANEL = "Stage B runs on";

    @TempDir
    Path dir;

    @Test
    void everyQueryShowsOneSeriesPerClassAndViewWhenTwoInstancesReportThem() throws Exception {
        List<PromQl.Expression> queries = new ArrayList<>();
        for (PromQl.Expression e : PromQl.dashboardExpressions()) {
            if (e.source().startsWith(DASHBOARD + " / ")
                    && !e.source().contains(" / annotation ")
                    && !e.source().endsWith(PER_INSTANCE_PANEL)) {
                queries.add(e);
            }
        }
        assertFalse(queries.isEmpty());
        Set<String> metrics = new TreeSet<>();
        queries.forEach(q -> metrics.addAll(PromQl.metricNames(q.promql())));

        List<Map<String, Object>> tests = new ArrayList<>();
        for (PromQl.Expression q : queries) {
            String promql = PromQl.resolved(q.promql());
            // No instance label left, and at most one series per class and view.
            tests.add(exprTest("group by (instance) (" + promql + ")", "{}", 1));
            tests.add(exprTest("max(count by (class, view) (" + promql + "))", "{}", 1));
            if (promql.contains("ssi_imbalance_ratio")) {
                // Instance a let stage B go (owner 0, its last ratio 5); b runs it now (6).
                tests.add(exprTest("min(" + promql + ")", "{}", 6));
            }
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", inputSeries(metrics));
        test.put("promql_expr_test", tests);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of());
        file.put("evaluation_interval", "1m");
        file.put("tests", List.of(test));
        new ObjectMapper(new YAMLFactory())
                .writeValue(dir.resolve("dashboard-test.yml").toFile(), file);

        Promtool.Result result = Promtool.run(dir, "test", "rules", "dashboard-test.yml");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    /** Every metric, both views, from instances a and b; every label a query may filter on. */
    private static List<Map<String, String>> inputSeries(Set<String> metrics) {
        List<Map<String, String>> series = new ArrayList<>();
        for (String metric : metrics) {
            for (String instance : List.of("a:9401", "b:9401")) {
                boolean owner = instance.startsWith("b");
                String values = switch (metric) {
                    case "ssi_stage_b_owner" -> owner ? "1x10" : "0x10";
                    case "ssi_imbalance_ratio" -> owner ? "6x10" : "5x10";
                    default -> "1+1x10";
                };
                for (String view : List.of("model", "input")) {
                    series.add(Map.of(
                            "series",
                            metric + "{job=\"ssi-streams-app\", instance=\"" + instance + "\", view=\"" + view
                                    + "\", class=\"Shirt\", reason=\"non-finite\", state=\"UNDERREPRESENTED\","
                                    + " stage=\"scale\", quantile=\"0.99\"}",
                            "values",
                            values));
                }
            }
        }
        return series;
    }

    private static Map<String, Object> exprTest(String expr, String labels, double value) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("expr", expr);
        t.put("eval_time", "8m");
        t.put("exp_samples", List.of(Map.of("labels", labels, "value", value)));
        return t;
    }
}
