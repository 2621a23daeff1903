package org.semanticscale.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus server (its own binary) run on the {@code prometheus.yml} of a scratch directory,
 * its data in that directory too; answers come back as the JSON text Prometheus sends. Stopped, and
 * the directory deleted, on close.
 */
public final class PrometheusServer implements AutoCloseable {
    private final ChildProcess process;
    private final ScratchDir dir;
    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(ChildProcess process, ScratchDir dir, int port) {
        this.process = process;
        this.dir = dir;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Starts {@code binary} on {@code dir/prometheus.yml}, listening on 127.0.0.1:{@code port}, and
     * waits until it says it is ready. The directory is the server's from then on.
     */
    public static PrometheusServer start(Path binary, ScratchDir dir, int port, Duration timeout) throws Exception {
        ChildProcess p = ChildProcess.of(
                        "prometheus",
                        dir.resolve("prometheus.log"),
                        List.of(
                                binary.toString(),
                                "--config.file=" + dir.resolve("prometheus.yml"),
                                "--storage.tsdb.path=" + dir.resolve("data"),
                                "--web.listen-address=127.0.0.1:" + port,
                                "--log.level=warn"))
                .workDir(dir.path())
                .start();
        PrometheusServer server = new PrometheusServer(p, dir, port);
        try {
            Await.until(
                    "prometheus to be ready",
                    timeout,
                    () -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("prometheus exited: " + p.log());
                        }
                        return server.status("/-/ready") == 200;
                    },
                    () -> p.tail(20));
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The JSON text of an instant query (status "success" or "error"). */
    public String query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The body of a GET of {@code path} (e.g. /api/v1/alerts). */
    public String get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String path) throws InterruptedException {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public void close() {
        try {
            process.stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // It did not stop on SIGTERM and was killed: nothing of it is left to keep.
        } finally {
            process.close();
            dir.close();
        }
    }
}
