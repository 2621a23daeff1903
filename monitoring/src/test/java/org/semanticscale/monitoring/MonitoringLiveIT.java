package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            String streams = "127.0.0.1:" + run.streams().metricsPort();
            String trainer = "127.0.0.1:" + run.trainer().metricsPort();
            try (PrometheusProcess prometheus =
                    PrometheusProcess.start(Map.of("ssi-streams-app", streams, "ssi-trainer", trainer))) {
                // 2. Wait until scales are published and the trainer has stepped, then compare names.
                awaitScrapeContaining(run, streams, "ssi_semantic_scale{", Duration.ofSeconds(90));
                awaitScrapeContaining(run, trainer, "ssi_trainer_class_weight{", Duration.ofSeconds(90));
                Set<String> scraped = new TreeSet<>();
                scraped.addAll(metricNames(scrape(streams)));
                scraped.addAll(metricNames(scrape(trainer)));
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
                awaitSeries(run, prometheus, "ssi_semantic_scale > 0", 9, Duration.ofSeconds(90));

                // 4. The starving class's alert fires (after the rule's minute) and resolves when it is back.
                long firedAt = awaitAlert(run, prometheus, "firing", Duration.ofSeconds(180));
                long resolvedAt = awaitResolved(run, prometheus, Duration.ofSeconds(100));
                assertTrue(resolvedAt > firedAt);
            }
        }
    }

    private static long awaitAlert(Pipeline run, PrometheusProcess prometheus, String state, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode alert : prometheus.alerts()) {
                if (isStarvingAlert(alert) && state.equals(alert.path("state").asText())) {
                    return System.nanoTime();
                }
            }
            run.check();
            Thread.sleep(1000);
        }
        throw new AssertionError("SsiClassUnderrepresented{class=\"" + STARVING + "\"} did not reach " + state
                + " within " + timeout.toSeconds() + " s; alerts: " + prometheus.alerts());
    }

    private static long awaitResolved(Pipeline run, PrometheusProcess prometheus, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean present = false;
            for (JsonNode alert : prometheus.alerts()) {
                present |= isStarvingAlert(alert);
            }
            if (!present) {
                return System.nanoTime();
            }
            run.check();
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "the alert for class " + STARVING + " did not resolve within " + timeout.toSeconds() + " s");
    }

    private static boolean isStarvingAlert(JsonNode alert) {
        return "SsiClassUnderrepresented"
                        .equals(alert.path("labels").path("alertname").asText())
                && STARVING.equals(alert.path("labels").path("class").asText());
    }

    /** Waits until the query returns at least {@code count} series. */
    private static void awaitSeries(
            Pipeline run, PrometheusProcess prometheus, String promql, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode answer = null;
        while (System.nanoTime() < deadline) {
            answer = prometheus.query(promql);
            if (answer.path("data").path("result").size() >= count) {
                return;
            }
            run.check();
            Thread.sleep(1000);
        }
        throw new AssertionError(promql + " never returned " + count + " series: " + answer);
    }

    private static void awaitScrapeContaining(Pipeline run, String target, String text, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (scrape(target).contains(text)) {
                return;
            }
            run.check();
            Thread.sleep(1000);
        }
        throw new AssertionError(target + " never exported " + text);
    }

    private static String scrape(String target) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://" + target + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Series names in Prometheus text format: the token before '{' or ' ' on every sample line. */
    private static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            if (end < 0) {
                end = line.indexOf(' ');
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
