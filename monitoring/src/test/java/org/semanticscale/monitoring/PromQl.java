package org.semanticscale.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The PromQL the project ships: every expression in the dashboards and the alert rules, and the metric names they use. */
final class PromQl {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words that look like metric names in PromQL but are functions, operators or keywords. */
    private static final Set<String> NOT_METRICS = Set.of(
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "rate",
            "increase",
            "last_over_time",
            "max_over_time",
            "irate",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "or",
            "and",
            "unless",
            "time",
            "label_values",
            "histogram_quantile",
            "topk",
            "bottomk",
            "abs",
            "clamp_min",
            "clamp_max",
            "delta",
            "deriv",
            "offset",
            "bool",
            "printf",
            "value",
            "labels",
            "ALERTS",
            "up",
            "vector",
            "scalar",
            "timestamp");

    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![\\w\"$.{=~!])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w\"])");

    record Expression(String source, String promql) {}

    private PromQl() {}

    /** Every target expression and template-variable query of every dashboard under grafana/dashboards. */
    static List<Expression> dashboardExpressions() throws IOException {
        List<Expression> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Promtool.MONITORING.resolve("grafana/dashboards"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                JsonNode d = JSON.readTree(f.toFile());
                for (JsonNode panel : d.path("panels")) {
                    for (JsonNode t : panel.path("targets")) {
                        out.add(new Expression(
                                f.getFileName() + " / " + panel.path("title").asText(),
                                t.path("expr").asText()));
                    }
                }
                for (JsonNode a : d.path("annotations").path("list")) {
                    if (a.has("expr")) {
                        out.add(new Expression(
                                f.getFileName() + " / annotation "
                                        + a.path("name").asText(),
                                a.path("expr").asText()));
                    }
                }
            }
        }
        return out;
    }

    /** Grafana template-variable queries ({@code label_values(metric, label)}), by dashboard. */
    static List<Expression> variableQueries() throws IOException {
        List<Expression> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Promtool.MONITORING.resolve("grafana/dashboards"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                for (JsonNode v : JSON.readTree(f.toFile()).path("templating").path("list")) {
                    if (!"query".equals(v.path("type").asText())) {
                        continue; // a custom variable (view: model,input) lists its values, no query
                    }
                    out.add(new Expression(
                            f.getFileName() + " / $" + v.path("name").asText(),
                            v.path("definition").asText()));
                }
            }
        }
        return out;
    }

    /** Every alert rule's expression. */
    static List<Expression> ruleExpressions() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Expression> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Promtool.PROMETHEUS_DIR.resolve("rules"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                for (JsonNode group : yaml.readTree(f.toFile()).path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        out.add(new Expression(
                                f.getFileName() + " / " + rule.path("alert").asText(),
                                rule.path("expr").asText()));
                    }
                }
            }
        }
        return out;
    }

    /** The expression as Prometheus would run it from a dashboard: variables set to match everything. */
    static String resolved(String promql) {
        return promql.replace("$instance", ".*")
                .replace("$class", ".*")
                .replace("$view", ".*")
                .replace("$__rate_interval", "1m");
    }

    /** Metric names an expression reads (label names, functions and keywords excluded). */
    static Set<String> metricNames(String promql) {
        // Grafana's label_values(metric, label): the second argument is a label.
        String query = promql.replaceAll("label_values\\((.*),\\s*\\w+\\s*\\)", "$1");
        String withoutStrings = query.replaceAll("\"[^\"]*\"", "\"\"");
        // Label matchers and grouping clauses name labels, not metrics.
        withoutStrings = withoutStrings
                .replaceAll("\\{[^}]*}", "{}")
                .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", "$1()");
        withoutStrings = withoutStrings.replaceAll("\\[[^]]*]", "[]");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(withoutStrings);
        while (m.find()) {
            String word = m.group(1);
            if (!NOT_METRICS.contains(word) && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }
}
