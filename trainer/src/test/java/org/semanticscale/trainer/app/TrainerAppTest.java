package org.semanticscale.trainer.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.connection.BrokerUnreachableException;
import org.semanticscale.trainer.train.TrainerConfig;

class TrainerAppTest {
    @Test
    void failsFastWhenNoBrokerAnswers() throws Exception {
        String nowhere = "127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        TrainerConfig config = TrainerConfig.of(Map.of("kafka.bootstrap.servers", nowhere, "connection.timeout", "2s"));
        long start = System.nanoTime();
        BrokerUnreachableException e = assertThrows(BrokerUnreachableException.class, () -> TrainerApp.start(config));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
        assertTrue(e.getMessage().contains(nowhere) && e.getMessage().contains("ssi broker"), e.getMessage());
    }
}
