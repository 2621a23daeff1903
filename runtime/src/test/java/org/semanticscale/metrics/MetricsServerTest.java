package org.semanticscale.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.semanticscale.testkit.Scrape;

class MetricsServerTest {

    @Test
    void servesPrometheusTextAndHealth() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("ssi.test.records")
                .description("records seen")
                .baseUnit("records")
                .register(registry)
                .increment(3);
        AtomicBoolean healthy = new AtomicBoolean(false);
        HttpClient http = HttpClient.newHttpClient();
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, registry, healthy::get)) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(3.0, Scrape.of(server.port()).value("ssi_test_records_total"));
            assertEquals(503, Scrape.health(server.port()));
            healthy.set(true);
            assertEquals(200, Scrape.health(server.port()));
            assertEquals(
                    405,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
    }
}
