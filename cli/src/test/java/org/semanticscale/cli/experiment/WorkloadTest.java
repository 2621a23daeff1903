package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;

/** N as counting sees it stays the base profile's count when a class is narrowed; its distinct rows do not. */
class WorkloadTest {

    private static final LabelledVectors TRAIN = threeClassesOf50();

    private static LabelledVectors threeClassesOf50() {
        int perClass = 50;
        String[] labels = new String[3 * perClass];
        float[] values = new float[labels.length * 2];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = Integer.toString(r / perClass);
            values[2 * r] = r;
            values[2 * r + 1] = -r;
        }
        return new LabelledVectors(labels, values, new int[] {2});
    }

    @Test
    void aNarrowedClassKeepsItsCountButNotItsDistinctRows() {
        LabelledVectors train = TRAIN;
        int epochs = 3;
        ReplayPlan plan = ReplayPlan.create(train, Profile.parse("narrow:balanced/1:4"), epochs, 5);

        assertEquals(Map.of("0", 50L, "1", 50L, "2", 50L), Workload.countsPerEpoch(plan, epochs));
        Map<String, Integer> distinct = Workload.streamedRows(train, plan).counts();
        assertEquals(50, distinct.get("0"));
        assertTrue(distinct.get("1") <= 4, "class 1 is drawn from 4 rows: " + distinct);
    }

    @Test
    void aCollapseStartsAtTheEarliestFromOfAFocusClassNarrowedWithinTheStream() {
        // 300 samples: class 0 narrowed from half-way (position 150), class 1 from a quarter (75), class 2 throughout.
        ReplayPlan plan =
                ReplayPlan.create(TRAIN, Profile.parse("narrow:narrow:narrow:balanced/2:4/0:4@0.5/1:4@0.25"), 2, 5);
        Workload work = new Workload(null, plan, null, null, null);

        assertEquals(300, plan.size());
        assertEquals(OptionalInt.of(150), work.collapsePosition(List.of("0")));
        assertEquals(OptionalInt.of(75), work.collapsePosition(List.of("0", "1")));
        assertEquals(OptionalInt.empty(), work.collapsePosition(List.of("2")), "narrow from the start: no collapse");
        assertEquals(OptionalInt.empty(), work.collapsePosition(List.of()));
    }
}
