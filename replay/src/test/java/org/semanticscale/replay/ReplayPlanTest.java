package org.semanticscale.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;

class ReplayPlanTest {

    /** 10 classes of 6000 one-dimensional samples, like Fashion-MNIST's training set. */
    private static LabelledVectors tenClasses(int perClass) {
        String[] labels = new String[10 * perClass];
        float[] data = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Integer.toString(i % 10);
            data[i] = i;
        }
        return new LabelledVectors(labels, data, new int[] {1});
    }

    @Test
    void exponentialProfileGivesTheSpecCounts() {
        // n_i = floor(6000 * 100^(-i/9)), worked out in Python: 100^(-1/9) = 0.5995, so 3596.9 -> 3596, ...
        ReplayPlan plan = ReplayPlan.create(tenClasses(6000), Profile.parse("exp:100"), 1, 42);
        assertArrayEquals(new long[] {6000, 3596, 2156, 1292, 774, 464, 278, 166, 100, 60}, plan.sentPerClass());
        assertEquals(6000 + 3596 + 2156 + 1292 + 774 + 464 + 278 + 166 + 100 + 60, plan.size());
    }

    @Test
    void countsProfileGivesExactlyThePapersMnistLt2() {
        LabelledVectors data = tenClasses(6000);
        long[] lt2 = {5923, 3090, 2540, 1818, 1356, 972, 484, 272, 122, 74};
        ReplayPlan plan =
                ReplayPlan.create(data, Profile.parse("counts:5923,3090,2540,1818,1356,972,484,272,122,74"), 2, 1);
        long[] twice = new long[10];
        for (int i = 0; i < 10; i++) {
            twice[i] = 2 * lt2[i];
        }
        assertArrayEquals(twice, plan.sentPerClass(), "two epochs of the same selection");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            assertTrue(ids.add(plan.sampleId(i)), "sample ids are unique across epochs");
        }
    }

    @Test
    void balancedProfileTakesTheSmallestClassCountFromEvery() {
        String[] labels = {"a", "a", "a", "b", "b", "c", "c", "c", "c"};
        LabelledVectors data = new LabelledVectors(labels, new float[9], new int[] {1});
        assertArrayEquals(
                new long[] {2, 2, 2},
                ReplayPlan.create(data, Profile.parse("balanced"), 1, 3).sentPerClass());
    }

    @Test
    void driftSilencesItsClassForTheGivenStretchOnly() {
        ReplayPlan plan = ReplayPlan.create(tenClasses(1000), Profile.parse("drift:balanced/3@0.4-0.7"), 1, 5);
        int total = 10_000;
        int seenInStretch = 0;
        int seenOutside = 0;
        // Positions in the plan are positions in the stream after removal: map back through the count.
        int removed = (int) (1000 - plan.sentPerClass()[3]);
        assertTrue(removed > 250 && removed < 350, "about 30 % of class 3 is silenced: " + removed);
        for (int i = 0; i < plan.size(); i++) {
            boolean isThree = plan.row(i) % 10 == 3;
            double at = (double) i / plan.size();
            if (isThree && at > 0.42 && at < 0.68) {
                seenInStretch++;
            } else if (isThree) {
                seenOutside++;
            }
        }
        assertEquals(0, seenInStretch, "class 3 starves in the middle of the stream");
        assertTrue(seenOutside > 600, "and is there before and after");
        assertEquals(total - removed, plan.size());
    }

    @Test
    void aDriftOfADriftStarvesBothClasses() {
        ReplayPlan plan =
                ReplayPlan.create(tenClasses(1000), Profile.parse("drift:drift:balanced/3@0.1-0.3/5@0.6-0.8"), 1, 5);
        long[] sent = plan.sentPerClass();
        assertTrue(sent[3] > 750 && sent[3] < 850, "class 3 loses about 20 %: " + sent[3]);
        assertTrue(sent[5] > 750 && sent[5] < 850, "class 5 loses about 20 %: " + sent[5]);
        assertEquals(1000, sent[4]);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        ReplayPlan a = ReplayPlan.create(tenClasses(100), Profile.parse("exp:10"), 2, 9);
        ReplayPlan b = ReplayPlan.create(tenClasses(100), Profile.parse("exp:10"), 2, 9);
        ReplayPlan c = ReplayPlan.create(tenClasses(100), Profile.parse("exp:10"), 2, 10);
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.row(i), b.row(i));
            differs |= a.row(i) != c.row(i);
        }
        assertTrue(differs, "another seed, another order");
    }

    @Test
    void badProfilesSayWhatIsExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Profile.parse("zipf:2"))
                .getMessage()
                .contains("exp:IF"));
        assertThrows(IllegalArgumentException.class, () -> Profile.parse("exp:0.5"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ReplayPlan.create(tenClasses(10), Profile.parse("counts:1,2,3"), 1, 1))
                .getMessage()
                .contains("3 numbers for 10 classes"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ReplayPlan.create(tenClasses(10), Profile.parse("counts:11,1,1,1,1,1,1,1,1,1"), 1, 1))
                .getMessage()
                .contains("class 0 has 10"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ReplayPlan.create(tenClasses(10), Profile.parse("drift:balanced/x"), 1, 1))
                .getMessage()
                .contains("'x'"));
    }

    @Test
    void stratifiedSplitHoldsOutTheFractionOfEveryClass() {
        LabelledDataset d = LabelledDataset.split("t", tenClasses(50), 0.2, 4);
        assertEquals(400, d.train().size());
        assertEquals(100, d.test().size());
        d.test().counts().values().forEach(n -> assertEquals(10, n));
    }
}
