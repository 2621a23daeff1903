package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;

/** N as counting sees it stays the base profile's count when a class is narrowed; its distinct rows do not. */
class WorkloadTest {

    @Test
    void aNarrowedClassKeepsItsCountButNotItsDistinctRows() {
        int perClass = 50;
        String[] labels = new String[3 * perClass];
        float[] values = new float[labels.length * 2];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = Integer.toString(r / perClass);
            values[2 * r] = r;
            values[2 * r + 1] = -r;
        }
        LabelledVectors train = new LabelledVectors(labels, values, new int[] {2});
        int epochs = 3;
        ReplayPlan plan = ReplayPlan.create(train, Profile.parse("narrow:balanced/1:4"), epochs, 5);

        assertEquals(Map.of("0", 50L, "1", 50L, "2", 50L), Workload.countsPerEpoch(plan, epochs));
        Map<String, Integer> distinct = Workload.streamedRows(train, plan).counts();
        assertEquals(50, distinct.get("0"));
        assertTrue(distinct.get("1") <= 4, "class 1 is drawn from 4 rows: " + distinct);
    }
}
