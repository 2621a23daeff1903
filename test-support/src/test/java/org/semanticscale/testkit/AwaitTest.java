package org.semanticscale.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Await.until("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() == 3);
        assertEquals(3, polls.get());
    }

    @Test
    void failsWithWhatWasAwaitedAndTheLastStateSeen() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Await.until(
                        "a condition that never holds", Duration.ofMillis(300), () -> false, () -> "state 42"));
        assertTrue(e.getMessage().contains("waiting for a condition that never holds"), e.getMessage());
        assertTrue(e.getMessage().contains("state 42"), e.getMessage());
    }
}
