package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.semanticscale.cli.pipeline.Pipeline;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.Scrape;

/**
 * The monitoring proven against the real thing: the streams-app and the trainer on an in-process
 * broker (a {@link Pipeline}, as the demo runs them), a replay of Fashion-MNIST in which class 6 (Shirt) starves and comes
 * back, and a real Prometheus scraping both apps with the project's rules.
 *
 * <ol>
 *   <li>every metric named by a dashboard or a rule exists in a real scrape of the running apps;</li>
 *   <li>every dashboard and rule expression is accepted by Prometheus' query API;</li>
 *   <li>SsiClassUnderrepresented for class 6 reaches {@code firing} while it starves (the rule's
 *       {@code for: 1m} included), and resolves when it is back.</li>
 * </ol>
 */
class MonitoringLiveIT {
    private static final String STARVING = "6";
    private static final long SEED = 11;

    @Test
    void dashboardsAndRulesWorkOnRealScrapesAndTheUnderrepresentedAlertFiresAndResolves() throws Exception {
        // 1. The system: 400 samples/s, class 6 silent from 15 % to 65 % of a 96,000-sample stream
        //    (about 36 s to 156 s), 10 s windows so it empties soon after: two minutes underrepresented,
        //    room for the rule's minute on a loaded machine.
        LabelledDataset data = LabelledDataset.load("fashion-mnist", 0.2, SEED);
        Profile profile = Profile.parse("drift:exp:10/" + STARVING + "@0.15-0.65");
        int epochSize = ReplayPlan.create(data.train(), profile, 1, SEED).size();
        ReplayPlan plan = ReplayPlan.create(data.train(), profile, (int) Math.ceil(96_000.0 / epochSize), SEED);
        // Scales from 32 vectors, published twice a second; class weights from 24,000 samples (60 s) on, for the weight
        // metrics.
        try (Pipeline run = Pipeline.builder("ssi-monitoring-it")
                .setStreamsSettings(Map.of(
                        "application.id",
                        "ssi-monitoring-it",
                        "window.span",
                        "10s",
                        "window.max-per-class",
                        "512",
                        "scale.min-samples",
                        "32",
                        "scale.publish-interval",
                        "500ms",
                        "metrics.port",
                        "0"))
                .setTrainerSettings(Map.of(
                        "trainer.group-id",
                        "ssi-monitoring-it",
                        "stage.fill-samples",
                        "8000",
                        "stage.refresh-samples",
                        "16000",
                        "evaluation.prequential-window",
                        "400",
                        "seed",
                        Long.toString(SEED),
                        "metrics.port",
                        "0",
                        "classes",
                        String.join(",", plan.labels())))
                .setReplay(data.train(), plan, 400)
                .optStallTimeout(Duration.ofSeconds(60))
                .start()) {
            int streamsPort = run.streams().metricsPort();
            int trainerPort = run.trainer().metricsPort();
            try (PrometheusProcess prometheus = PrometheusProcess.start(
                    Map.of("ssi-streams-app", "127.0.0.1:" + streamsPort, "ssi-trainer", "127.0.0.1:" + trainerPort))) {
                // 2. Wait until scales are published and the trainer has stepped, then compare names.
                awaitScrape(run, streamsPort, "ssi_semantic_scale", Duration.ofSeconds(90));
                awaitScrape(run, trainerPort, "ssi_trainer_class_weight", Duration.ofSeconds(90));
                Set<String> scraped = new TreeSet<>();
                scraped.addAll(Scrape.of(streamsPort).names());
                scraped.addAll(Scrape.of(trainerPort).names());
                List<PromQl.Expression> expressions = new ArrayList<>(PromQl.dashboardExpressions());
                expressions.addAll(PromQl.ruleExpressions());
                expressions.addAll(PromQl.variableQueries());
                List<String> missing = new ArrayList<>();
                for (PromQl.Expression e : expressions) {
                    for (String name : PromQl.metricNames(e.promql())) {
                        if (!scraped.contains(name)) {
                            missing.add(e.source() + ": " + name);
                        }
                    }
                }
                assertEquals(List.of(), missing, "metrics the dashboards and rules name but the apps do not export");

                // 3. Every expression runs in a real Prometheus (variables resolved as Grafana would).
                List<String> refused = new ArrayList<>();
                for (PromQl.Expression e : expressions) {
                    String q = e.promql().startsWith("label_values(")
                            ? e.promql()
                                    .substring(
                                            "label_values(".length(), e.promql().lastIndexOf(','))
                            : e.promql();
                    JsonNode answer = prometheus.query(PromQl.resolved(q));
                    if (!"success".equals(answer.path("status").asText())) {
                        refused.add(e.source() + ": " + answer.path("error").asText());
                    }
                }
                assertEquals(List.of(), refused, "expressions Prometheus refused");
                // Both views: the model's features and the samples' sketches (the replay feeds both).
                awaitSeries(run, prometheus, "ssi_semantic_scale{view=\"model\"} > 0", 9, Duration.ofSeconds(90));
                awaitSeries(run, prometheus, "ssi_semantic_scale{view=\"input\"} > 0", 9, Duration.ofSeconds(90));

                // 4. The starving class's alert fires (after the rule's minute) and resolves when it is back.
                Await.until(
                        "SsiClassUnderrepresented{class=\"" + STARVING + "\", view=\"model\"} to fire",
                        Duration.ofSeconds(180),
                        () -> {
                            run.check();
                            return starvingAlerts(prometheus).contains("firing");
                        },
                        () -> "Alerts: " + alerts(prometheus));
                Await.until(
                        "the alert for class " + STARVING + " to resolve",
                        Duration.ofSeconds(100),
                        () -> {
                            run.check();
                            return starvingAlerts(prometheus).isEmpty();
                        },
                        () -> "Alerts: " + alerts(prometheus));
            }
        }
    }

    /** The states ("pending", "firing") of the starving class's SsiClassUnderrepresented alerts in the model view. */
    private static List<String> starvingAlerts(PrometheusProcess prometheus) throws Exception {
        List<String> states = new ArrayList<>();
        for (JsonNode alert : prometheus.alerts()) {
            JsonNode labels = alert.path("labels");
            if ("SsiClassUnderrepresented".equals(labels.path("alertname").asText())
                    && STARVING.equals(labels.path("class").asText())
                    && "model".equals(labels.path("view").asText())) {
                states.add(alert.path("state").asText());
            }
        }
        return states;
    }

    /** The alerts Prometheus holds, for failure messages. */
    private static String alerts(PrometheusProcess prometheus) {
        try {
            return prometheus.alerts().toString();
        } catch (Exception e) {
            return "(not readable: " + e + ")";
        }
    }

    /** Waits until the query returns at least {@code count} series. */
    private static void awaitSeries(
            Pipeline run, PrometheusProcess prometheus, String promql, int count, Duration timeout) throws Exception {
        JsonNode[] answer = new JsonNode[1];
        Await.until(
                promql + " to return " + count + " series",
                timeout,
                () -> {
                    run.check();
                    answer[0] = prometheus.query(promql);
                    return answer[0].path("data").path("result").size() >= count;
                },
                () -> "Last answer: " + answer[0]);
    }

    /** Waits until the app on {@code port} exports at least one series of {@code metric}. */
    private static void awaitScrape(Pipeline run, int port, String metric, Duration timeout) throws Exception {
        Await.until("127.0.0.1:" + port + " to export " + metric, timeout, () -> {
            run.check();
            Scrape scrape = Scrape.tryOf(port);
            return scrape != null && scrape.series(metric) > 0;
        });
    }
}
