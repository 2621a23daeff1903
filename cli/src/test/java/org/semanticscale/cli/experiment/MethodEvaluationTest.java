package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.volume.Volume;

class MethodEvaluationTest {

    @Test
    void figuresComeFromTheAccuraciesAndTheFeaturesOfTheStreamedSamples() {
        // Three classes of 3-d features: a (30 rows, wide), b (20, medium), c (10, narrow), interleaved.
        Random random = new Random(5);
        int d = 3;
        String[] labels = new String[60];
        float[] features = new float[60 * d];
        for (int r = 0; r < 60; r++) {
            labels[r] = r < 30 ? "a" : r < 50 ? "b" : "c";
            double spread = r < 30 ? 2 : r < 50 ? 1 : 0.5;
            for (int k = 0; k < d; k++) {
                features[r * d + k] = (float) (spread * random.nextGaussian() + (labels[r].charAt(0) - 'a') * 3);
            }
        }
        LabelledVectors streamed = new LabelledVectors(labels, new float[60], new int[] {1});
        HeldOutAccuracy accuracy = new HeldOutAccuracy(0.7, new double[] {0.9, 0.7, 0.5}, 0.9, 0.7, 0.5, 100);
        MethodOutcome outcome = new MethodOutcome(
                MethodCatalogue.byName("ce"),
                accuracy,
                features,
                null,
                d,
                Map.of(),
                Map.of(),
                List.of(),
                null,
                List.of(),
                Map.of(),
                120,
                10,
                2,
                7,
                3,
                12);

        // N is what counting sees (samples per epoch), not the distinct rows: here both say 30, 20, 10.
        MethodResult r = MethodEvaluation.evaluate(
                outcome,
                List.of("a", "b", "c"),
                l -> l.toUpperCase(),
                streamed,
                Map.of("a", 30L, "b", 20L, "c", 10L),
                2.0);

        assertEquals(0.7, r.overall());
        assertEquals(0.7, r.balanced(), 1e-12, "mean of 0.9, 0.7, 0.5");
        assertEquals("c", r.worst().label());
        assertEquals("C", r.worst().name());
        assertEquals(
                List.of(30L, 20L, 10L), r.classes().stream().map(ClassResult::n).toList());
        float[] c = java.util.Arrays.copyOfRange(features, 50 * d, 60 * d);
        assertEquals(Volume.ofFlat(c, 10, d), r.classes().get(2).volume(), 1e-9, "S' of class c's features");
        var scales = new SemanticScales(2.0, org.semanticscale.scale.WeightNormalization.SUM_TO_ONE, 0.9999, 2)
                .compute(org.semanticscale.dataset.ClassSummaries.of(
                        new LabelledVectors(labels, features, new int[] {d})));
        for (int i = 0; i < 3; i++) {
            assertEquals(scales.get(i).scale(), r.classes().get(i).scale(), 1e-12);
        }
        // Accuracy falls with N, S' and S alike here: every correlation is positive, N's exactly 1 by rank.
        assertEquals(1.0, r.spearman().withN(), 1e-12);
        assertTrue(
                r.pearson().withN() > 0.9
                        && r.pearson().withVolume() > 0.9
                        && r.pearson().withScale() > 0.9,
                r.pearson().toString());
    }
}
