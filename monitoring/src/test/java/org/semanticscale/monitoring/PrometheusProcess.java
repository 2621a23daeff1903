package org.semanticscale.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.semanticscale.broker.EmbeddedKafkaBroker;

/**
 * A real Prometheus server (the Debian package's binary) in a temporary directory, scraping the given
 * targets every 3 s (with a 3 s timeout: on a loaded 2-core machine a 1 s timeout drops scrapes, and
 * a dropped scrape resets every pending alert) with the project's rule files, evaluated every second.
 * Stopped and deleted on close.
 */
final class PrometheusProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dir;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.base = "http://127.0.0.1:" + port;
    }

    /** @param targets job name -> host:port of its /metrics */
    static PrometheusProcess start(java.util.Map<String, String> targets) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ssi-prometheus-");
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
        targets.forEach((job, target) -> config.append("  - job_name: ").append(job).append('\n')
                .append("    static_configs:\n      - targets: [\"").append(target).append("\"]\n"));
        Files.writeString(dir.resolve("prometheus.yml"), config.toString());
        int port = EmbeddedKafkaBroker.freePort();
        Process p = new ProcessBuilder(Promtool.binary("prometheus").toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(p, dir, port);
        prometheus.awaitReady(Duration.ofSeconds(30));
        return prometheus;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready within " + timeout.toSeconds() + " s");
    }

    /** The JSON answer of an instant query (status "success" or "error"). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** Alerts Prometheus currently holds (pending and firing). */
    List<JsonNode> alerts() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        get("/api/v1/alerts").path("data").path("alerts").forEach(out::add);
        return out;
    }

    /** Health of each scrape target ("up", "down", "unknown"). */
    List<String> targetHealth() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        get("/api/v1/targets").path("data").path("activeTargets").forEach(t -> out.add(t.path("health").asText()));
        return out;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
