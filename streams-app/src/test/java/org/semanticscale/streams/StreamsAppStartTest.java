package org.semanticscale.streams;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.connection.BrokerUnreachableException;

class StreamsAppStartTest {
    @Test
    void failsWithinConnectionTimeoutWhenNoBrokerAnswers() throws Exception {
        String nowhere = "127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        StreamsAppConfig config = StreamsAppConfig.of(
                Map.of("kafka.bootstrap.servers", nowhere, "connection.timeout", "2s", "metrics.port", "0"));
        long start = System.nanoTime();
        BrokerUnreachableException e = assertThrows(BrokerUnreachableException.class, () -> StreamsApp.start(config));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
        assertTrue(e.getMessage().contains("no Kafka broker reachable at " + nowhere + " within 2 s"), e.getMessage());
    }
}
