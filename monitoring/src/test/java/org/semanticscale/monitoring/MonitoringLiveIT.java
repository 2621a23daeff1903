package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.semanticscale.cli.demo.DemoRun;

/**
 * The monitoring proven against the real thing: the streams-app and the trainer on an in-process
 * broker (the demo's wiring), a replay of Fashion-MNIST in which class 6 (Shirt) starves and comes
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

    @Test
    void dashboardsAndRulesWorkOnRealScrapesAndTheUnderrepresentedAlertFiresAndResolves() throws Exception {
        // 1. The system: 400 samples/s, class 6 silent from 15 % to 65 % of a 96,000-sample stream
        //    (about 36 s to 156 s), 10 s windows so it empties soon after: two minutes underrepresented,
        //    room for the rule's minute on a loaded machine.
        DemoRun.Settings settings = new DemoRun.Settings("fashion-mnist", "drift:exp:10/" + STARVING + "@0.15-0.65",
                Duration.ofSeconds(240), 0, 400, 11, Map.of(), 0, 0, Duration.ofSeconds(10));
        AtomicReference<Throwable> runFailure = new AtomicReference<>();
        try (DemoRun run = DemoRun.start(settings)) {
            Thread runner = new Thread(() -> {
                try {
                    run.run(table -> { }, Duration.ofSeconds(1));
                } catch (Throwable t) {
                    runFailure.set(t);
                }
            }, "monitoring-demo");
            runner.setDaemon(true);
            runner.start();
            String streams = "127.0.0.1:" + run.streamsMetricsPort();
            String trainer = "127.0.0.1:" + run.trainerMetricsPort();
            try (PrometheusProcess prometheus = PrometheusProcess.start(Map.of("ssi-streams-app", streams, "ssi-trainer", trainer))) {
                // 2. Wait until scales are published and the trainer has stepped, then compare names.
                awaitScrapeContaining(streams, "ssi_semantic_scale{", Duration.ofSeconds(90));
                awaitScrapeContaining(trainer, "ssi_trainer_class_weight{", Duration.ofSeconds(90));
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
                            ? e.promql().substring("label_values(".length(), e.promql().lastIndexOf(',')) : e.promql();
                    JsonNode answer = prometheus.query(PromQl.resolved(q));
                    if (!"success".equals(answer.path("status").asText())) {
                        refused.add(e.source() + ": " + answer.path("error").asText());
                    }
                }
                assertEquals(List.of(), refused, "expressions Prometheus refused");
                awaitSeries(prometheus, "ssi_semantic_scale > 0", 9, Duration.ofSeconds(90));

                // 4. The starving class's alert fires (after the rule's minute) and resolves when it is back.
                long firedAt = awaitAlert(prometheus, "firing", Duration.ofSeconds(180), runFailure);
                long resolvedAt = awaitResolved(prometheus, Duration.ofSeconds(100), runFailure);
                assertTrue(resolvedAt > firedAt);
            } finally {
                run.stop();
                runner.join(60_000);
            }
        }
    }

    private static long awaitAlert(PrometheusProcess prometheus, String state, Duration timeout,
                                   AtomicReference<Throwable> failure) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode alert : prometheus.alerts()) {
                if (isStarvingAlert(alert) && state.equals(alert.path("state").asText())) {
                    return System.nanoTime();
                }
            }
            assertTrue(failure.get() == null, "the system failed: " + failure.get());
            Thread.sleep(1000);
        }
        throw new AssertionError("SsiClassUnderrepresented{class=\"" + STARVING + "\"} did not reach " + state
                + " within " + timeout.toSeconds() + " s; alerts: " + prometheus.alerts());
    }

    private static long awaitResolved(PrometheusProcess prometheus, Duration timeout, AtomicReference<Throwable> failure)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean present = false;
            for (JsonNode alert : prometheus.alerts()) {
                present |= isStarvingAlert(alert);
            }
            if (!present) {
                return System.nanoTime();
            }
            assertTrue(failure.get() == null, "the system failed: " + failure.get());
            Thread.sleep(1000);
        }
        throw new AssertionError("the alert for class " + STARVING + " did not resolve within " + timeout.toSeconds() + " s");
    }

    private static boolean isStarvingAlert(JsonNode alert) {
        return "SsiClassUnderrepresented".equals(alert.path("labels").path("alertname").asText())
                && STARVING.equals(alert.path("labels").path("class").asText());
    }

    /** Waits until the query returns at least {@code count} series. */
    private static void awaitSeries(PrometheusProcess prometheus, String promql, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode answer = null;
        while (System.nanoTime() < deadline) {
            answer = prometheus.query(promql);
            if (answer.path("data").path("result").size() >= count) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(promql + " never returned " + count + " series: " + answer);
    }

    private static void awaitScrapeContaining(String target, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (scrape(target).contains(text)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(target + " never exported " + text);
    }

    private static String scrape(String target) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + target + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
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
