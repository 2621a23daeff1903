package org.semanticscale.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.testkit.PrometheusServer;
import org.semanticscale.testkit.ScratchDir;

/**
 * A real Prometheus server (the Debian package's binary, run by the kit's {@link PrometheusServer})
 * scraping the given targets every 3 s (with a 3 s timeout: on a loaded 2-core machine a 1 s timeout
 * drops scrapes, and a dropped scrape resets every pending alert) with the project's rule files,
 * evaluated every second. Stopped and deleted on close.
 */
final class PrometheusProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusServer server;

    private PrometheusProcess(PrometheusServer server) {
        this.server = server;
    }

    /** @param targets job name -> host:port of its /metrics */
    static PrometheusProcess start(Map<String, String> targets) throws Exception {
        ScratchDir dir = ScratchDir.create("ssi-prometheus-");
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> files = Files.list(Promtool.PROMETHEUS_DIR.resolve("rules"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 3s
                  scrape_timeout: 3s
                  evaluation_interval: 1s
                rule_files:
                  - rules/*.yml
                scrape_configs:
                """);
        targets.forEach((job, target) -> config.append("  - job_name: ")
                .append(job)
                .append('\n')
                .append("    static_configs:\n      - targets: [\"")
                .append(target)
                .append("\"]\n"));
        Files.writeString(dir.resolve("prometheus.yml"), config.toString());
        return new PrometheusProcess(PrometheusServer.start(
                Promtool.binary("prometheus"), dir, EmbeddedKafkaBroker.freePort(), Duration.ofSeconds(30)));
    }

    /** The JSON answer of an instant query (status "success" or "error"). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return JSON.readTree(server.query(promql));
    }

    /** Alerts Prometheus currently holds (pending and firing). */
    List<JsonNode> alerts() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(server.get("/api/v1/alerts")).path("data").path("alerts").forEach(out::add);
        return out;
    }

    /** Health of each scrape target ("up", "down", "unknown"). */
    List<String> targetHealth() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        JSON.readTree(server.get("/api/v1/targets"))
                .path("data")
                .path("activeTargets")
                .forEach(t -> out.add(t.path("health").asText()));
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
