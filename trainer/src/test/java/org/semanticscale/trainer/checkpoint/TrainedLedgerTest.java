package org.semanticscale.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainedLedgerTest {
    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("s-" + i);
        }
        return ids;
    }

    @Test
    void theOrderOfTrainingDoesNotMatter() {
        List<String> shuffled = ids(1000);
        Collections.shuffle(shuffled, new java.util.Random(1));
        assertEquals(TrainedLedger.of(ids(1000)), TrainedLedger.of(shuffled));
    }

    @Test
    void aSampleTrainedTwiceOrMissedChangesTheLedger() {
        TrainedLedger once = TrainedLedger.of(ids(1000));
        List<String> twice = ids(1000);
        twice.add("s-17");
        List<String> missed = ids(1000);
        missed.remove("s-17");
        List<String> swapped = ids(1000);
        swapped.set(17, "s-1000"); // same count, one id replaced
        assertNotEquals(once, TrainedLedger.of(twice));
        assertNotEquals(once, TrainedLedger.of(missed));
        assertNotEquals(once.digest(), TrainedLedger.of(swapped).digest());
        assertEquals(once.count(), TrainedLedger.of(swapped).count());
    }

    @Test
    void ledgersOfPartsAddUp() {
        TrainedLedger first = TrainedLedger.of(ids(10));
        TrainedLedger all = first;
        for (int i = 10; i < 20; i++) {
            all = all.add("s-" + i);
        }
        assertEquals(TrainedLedger.of(ids(20)), all);
    }
}
