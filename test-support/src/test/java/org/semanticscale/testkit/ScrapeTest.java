package org.semanticscale.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrapeTest {
    private static final String METRICS = """
            # HELP ssi_window_vectors Vectors in a class's window
            # TYPE ssi_window_vectors gauge
            ssi_window_vectors{class="a"} 3.0
            ssi_window_vectors{class="b"} 4.0
            ssi_trainer_samples_total 96.0
            ssi_trainer_test_accuracy{group="overall"} NaN
            ssi_trainer_step_seconds_max +Inf
            """;

    @Test
    void readsValuesSumsAndSeriesOfARealEndpoint() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = METRICS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Scrape s = Scrape.of(port);
            assertEquals(96.0, s.value("ssi_trainer_samples_total"));
            assertEquals(7.0, s.sum("ssi_window_vectors", null));
            assertEquals(3.0, s.sum("ssi_window_vectors", "class=\"a\""));
            assertEquals(2, s.series("ssi_window_vectors"));
            assertTrue(Double.isNaN(s.value("ssi_trainer_test_accuracy{group=\"overall\"}")));
            assertTrue(Double.isNaN(s.value("no_such_metric")));
            assertEquals(Double.POSITIVE_INFINITY, s.value("ssi_trainer_step_seconds_max"));
            assertEquals(
                    Set.of(
                            "ssi_window_vectors",
                            "ssi_trainer_samples_total",
                            "ssi_trainer_test_accuracy",
                            "ssi_trainer_step_seconds_max"),
                    s.names());
            assertEquals(96.0, Scrape.valueAt(port, "ssi_trainer_samples_total"));
            assertEquals(404, Scrape.health(port), "no /health here");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerReadsNaN() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        assertTrue(Double.isNaN(Scrape.valueAt(port, "ssi_trainer_samples_total")));
        assertEquals(-1, Scrape.health(port));
    }
}
