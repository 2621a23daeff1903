package org.semanticscale.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

    /** {@code classes x perClass} Gaussian samples of dimension {@code dim}; row r is of class r % classes. */
    private static LabelledVectors gaussianClasses(int classes, int perClass, int dim, long seed) {
        Random random = new Random(seed);
        String[] labels = new String[classes * perClass];
        float[] data = new float[labels.length * dim];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = Integer.toString(r % classes);
            for (int j = 0; j < dim; j++) {
                data[r * dim + j] = (float) (r % classes + random.nextGaussian());
            }
        }
        return new LabelledVectors(labels, data, new int[] {dim});
    }

    /** The k rows of the anchor's class nearest to it, from the definition: every Euclidean distance, sorted. */
    private static Set<Integer> nearestByDefinition(LabelledVectors data, int anchor, int k) {
        float[] a = data.row(anchor);
        Comparator<Integer> byDistance = Comparator.comparingDouble(r -> {
            float[] x = data.row(r);
            double sq = 0;
            for (int j = 0; j < x.length; j++) {
                sq += Math.pow(x[j] - a[j], 2);
            }
            return Math.sqrt(sq);
        });
        return IntStream.range(0, data.size())
                .filter(r -> data.label(r).equals(data.label(anchor)))
                .boxed()
                .sorted(byDistance)
                .limit(k)
                .collect(Collectors.toSet());
    }

    /** Asserts that {@code plan} sends BASE's labels at BASE's positions and epochs, so the counts are BASE's too. */
    private static void assertSameLabelsAtSamePositions(LabelledVectors data, ReplayPlan base, ReplayPlan plan) {
        assertEquals(base.size(), plan.size());
        assertArrayEquals(base.sentPerClass(), plan.sentPerClass());
        for (int i = 0; i < plan.size(); i++) {
            assertEquals(data.label(base.row(i)), data.label(plan.row(i)), "label at position " + i);
            assertEquals(base.epoch(i), plan.epoch(i), "epoch at position " + i);
        }
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
    void narrowKeepsBaseCountsAndPositionsAndChangesRowsOnlyInItsStretch() {
        LabelledVectors data = gaussianClasses(10, 200, 4, 1);
        ReplayPlan base = ReplayPlan.create(data, Profile.parse("exp:10"), 2, 7);
        ReplayPlan plan = ReplayPlan.create(data, Profile.parse("narrow:exp:10/4+7:5@0.3-0.8"), 2, 7);
        assertSameLabelsAtSamePositions(data, base, plan);
        int changed = 0;
        for (int i = 0; i < plan.size(); i++) {
            String label = data.label(plan.row(i));
            double at = (double) i / plan.size();
            boolean narrowed = (label.equals("4") || label.equals("7")) && at >= 0.3 && at < 0.8;
            if (!narrowed) {
                assertEquals(base.row(i), plan.row(i), "BASE's row outside the stretch, position " + i);
            } else if (base.row(i) != plan.row(i)) {
                changed++;
            }
        }
        assertTrue(changed > 100, "the narrowed samples are other rows than BASE's: " + changed);
    }

    @Test
    void everyNarrowedDrawIsOneOfTheKNearestToTheSeededAnchor() {
        LabelledVectors data = gaussianClasses(3, 300, 6, 2);
        ReplayPlan plan = ReplayPlan.create(data, Profile.parse("narrow:balanced/1+2:8@0.5"), 3, 11);
        assertEquals(
                List.of("1", "2"),
                plan.narrowings().stream().map(Narrowing::label).toList());
        for (Narrowing n : plan.narrowings()) {
            assertEquals(n.label(), data.label(n.anchor()), "the anchor is a sample of its class");
            Set<Integer> expected = nearestByDefinition(data, n.anchor(), 8);
            assertEquals(expected, Set.copyOf(n.pool()));
            assertEquals(n.anchor(), n.pool().get(0), "the anchor is nearest to itself");
            Set<Integer> drawn = new HashSet<>();
            for (int i = plan.size() / 2; i < plan.size(); i++) {
                if (data.label(plan.row(i)).equals(n.label())) {
                    assertTrue(expected.contains(plan.row(i)), "position " + i + " draws row " + plan.row(i));
                    drawn.add(plan.row(i));
                }
            }
            assertEquals(expected, drawn, "about 450 draws with replacement reach all 8 rows");
        }
    }

    @Test
    void narrowWithoutAStretchNarrowsTheWholeStreamAndKeepsIdsUnique() {
        LabelledVectors data = gaussianClasses(3, 50, 2, 3);
        ReplayPlan plan = ReplayPlan.create(data, Profile.parse("narrow:balanced/0:1"), 2, 5);
        int anchor = plan.narrowings().get(0).anchor();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            if (data.label(plan.row(i)).equals("0")) {
                assertEquals(anchor, plan.row(i), "K = 1: every sample of class 0 is its anchor");
            }
            String id = plan.sampleId(i);
            assertTrue(ids.add(id), "unique sample id " + id);
            assertTrue(id.startsWith("train-" + plan.row(i) + "-e" + plan.epoch(i)), id);
        }
        assertEquals(100, plan.sentPerClass()[0]);
        assertTrue(ids.contains("train-" + anchor + "-e1-r49"), "the 50th draw of the anchor in epoch 1");
    }

    @Test
    void theSameSeedNarrowsTheSameAndAnotherSeedOtherwise() {
        LabelledVectors data = gaussianClasses(4, 100, 3, 4);
        Profile profile = Profile.parse("narrow:balanced/2:10@0.25");
        ReplayPlan a = ReplayPlan.create(data, profile, 1, 9);
        ReplayPlan b = ReplayPlan.create(data, profile, 1, 9);
        ReplayPlan c = ReplayPlan.create(data, profile, 1, 10);
        assertEquals(a.narrowings(), b.narrowings());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.row(i), b.row(i));
        }
        assertTrue(a.narrowings().get(0).anchor() != c.narrowings().get(0).anchor(), "another seed, another anchor");
    }

    @Test
    void narrowComposesWithDriftInEitherOrder() {
        LabelledVectors data = gaussianClasses(10, 300, 3, 5);
        ReplayPlan drift = ReplayPlan.create(data, Profile.parse("drift:exp:10/6@0.2-0.4"), 1, 3);
        ReplayPlan plan = ReplayPlan.create(data, Profile.parse("narrow:drift:exp:10/6@0.2-0.4/2:20@0.5-0.8"), 1, 3);
        ReplayPlan swapped = ReplayPlan.create(data, Profile.parse("drift:narrow:exp:10/2:20@0.5-0.8/6@0.2-0.4"), 1, 3);
        assertSameLabelsAtSamePositions(data, drift, plan);
        for (int i = 0; i < plan.size(); i++) {
            assertEquals(plan.row(i), swapped.row(i), "the same plan whichever layer is outside");
        }
        ReplayPlan exp = ReplayPlan.create(data, Profile.parse("exp:10"), 1, 3);
        assertTrue(plan.sentPerClass()[6] < exp.sentPerClass()[6], "class 6 still starves");
        // Stretches are fractions of the stream before the drift silences class 6: a sent position i was
        // at i + (at most the samples silenced) before, so [0.5, 0.75) of the unsilenced size is inside.
        int removed = exp.size() - plan.size();
        assertTrue(removed < 0.05 * exp.size(), "the drift silences few samples: " + removed);
        Set<Integer> pool = Set.copyOf(plan.narrowings().get(0).pool());
        Set<Integer> classTwoInStretch = new HashSet<>();
        for (int i = exp.size() / 2; i < 0.75 * exp.size(); i++) {
            if (data.label(plan.row(i)).equals("2")) {
                classTwoInStretch.add(plan.row(i));
            }
        }
        assertTrue(pool.containsAll(classTwoInStretch), "class 2 draws from its 20 nearest: " + classTwoInStretch);
        assertTrue(classTwoInStretch.size() > 5, "and from several of them: " + classTwoInStretch);
    }

    @Test
    void aNarrowOfANarrowDrawsFromTheOuterPoolWhereBothCover() {
        LabelledVectors data = gaussianClasses(3, 100, 3, 6);
        String base = "counts:100,100,60";
        ReplayPlan counts = ReplayPlan.create(data, Profile.parse(base), 1, 8);
        ReplayPlan plan = ReplayPlan.create(data, Profile.parse("narrow:narrow:" + base + "/1+2:30/1:3@0.5"), 1, 8);
        assertSameLabelsAtSamePositions(data, counts, plan);
        List<Narrowing> n = plan.narrowings();
        assertEquals(List.of("1", "2", "1"), n.stream().map(Narrowing::label).toList());
        for (int i = 0; i < plan.size(); i++) {
            String label = data.label(plan.row(i));
            if (label.equals("1")) {
                Narrowing drawnFrom = i < plan.size() / 2 ? n.get(0) : n.get(2);
                assertTrue(drawnFrom.pool().contains(plan.row(i)), "class 1 at position " + i);
            } else if (label.equals("2")) {
                assertTrue(n.get(1).pool().contains(plan.row(i)), "class 2 at position " + i);
            } else {
                assertEquals(counts.row(i), plan.row(i));
            }
        }
    }

    @Test
    void badNarrowProfilesSayWhatIsWrong() {
        LabelledVectors data = gaussianClasses(3, 10, 2, 7);
        assertTrue(message(() -> Profile.parse("zipf:2")).contains("narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]"));
        assertTrue(message(() -> Profile.parse("narrow:balanced/1")).contains("narrow needs BASE/LABEL"));
        assertTrue(message(() -> Profile.parse("narrow:balanced:1")).contains("narrow needs BASE/LABEL"));
        assertTrue(message(() -> Profile.parse("narrow:balanced/1:0")).contains("K >= 1"));
        assertTrue(message(() -> Profile.parse("narrow:balanced/1:x")).contains("bad number"));
        assertTrue(message(() -> Profile.parse("narrow:balanced/1:5@0.8-0.2")).contains("0 <= FROM < TO <= 1"));
        assertTrue(
                message(() -> Profile.parse("narrow:balanced/1:5@0.1-0.2-0.3")).contains("FROM[-TO]"));
        assertTrue(message(() -> Profile.parse("narrow:balanced/1+:5")).contains("at least one class"));
        assertTrue(message(() -> Profile.parse("narrow:balanced/1+1:5")).contains("twice"));
        assertTrue(message(() -> Profile.parse("narrow:zipf/1:5")).contains("unknown profile 'zipf'"));
        assertTrue(message(() -> ReplayPlan.create(data, Profile.parse("narrow:balanced/x:2"), 1, 1))
                .contains("class 'x' is not in the data set's classes [0, 1, 2]"));
        assertTrue(message(() -> ReplayPlan.create(data, Profile.parse("narrow:balanced/2:11"), 1, 1))
                .contains("class 2 has 10 samples, K = 11"));
    }

    private static String message(org.junit.jupiter.api.function.Executable bad) {
        return assertThrows(IllegalArgumentException.class, bad).getMessage();
    }

    @Test
    void stratifiedSplitHoldsOutTheFractionOfEveryClass() {
        LabelledDataset d = LabelledDataset.split("t", tenClasses(50), 0.2, 4);
        assertEquals(400, d.train().size());
        assertEquals(100, d.test().size());
        d.test().counts().values().forEach(n -> assertEquals(10, n));
    }
}
