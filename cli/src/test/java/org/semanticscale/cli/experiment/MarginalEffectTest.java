package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.volume.Volume;

class MarginalEffectTest {

    @Test
    void theGridDoublesFromFourAndEndsAtTheClassCount() {
        assertArrayEquals(new int[] {4, 8, 16, 32, 64, 100}, MarginalEffect.grid(100));
        assertArrayEquals(new int[] {4, 8}, MarginalEffect.grid(8));
        assertArrayEquals(new int[] {4}, MarginalEffect.grid(4));
        assertArrayEquals(new int[0], MarginalEffect.grid(3));
    }

    @Test
    void eachPointIsTheVolumeOfTheClasssFirstMRowsAndTheCurveSaturates() {
        // Two interleaved classes of Gaussian vectors in 8 dimensions: 300 of "x", 20 of "y".
        Random random = new Random(11);
        int d = 8;
        String[] labels = new String[320];
        float[] values = new float[320 * d];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = r % 16 == 0 ? "y" : "x";
            for (int k = 0; k < d; k++) {
                values[r * d + k] = (float) random.nextGaussian();
            }
        }
        labels[319] = "y";
        LabelledVectors rows = new LabelledVectors(labels, values, new int[] {d});
        List<MarginalEffect.Curve> curves =
                MarginalEffect.curves(values, d, rows, List.of("x", "y"), l -> "class " + l);
        assertEquals(2, curves.size());
        MarginalEffect.Curve x = curves.get(0);
        assertEquals("class x", x.name());
        assertEquals(rows.counts().get("x"), x.m()[x.m().length - 1]);

        // The first 16 rows of x, in row order, by the definition.
        float[] first16 = new float[16 * d];
        int taken = 0;
        for (int r = 0; r < labels.length && taken < 16; r++) {
            if (labels[r].equals("x")) {
                System.arraycopy(values, r * d, first16, taken++ * d, d);
            }
        }
        int at16 = Arrays.binarySearch(x.m(), 16);
        assertEquals(Volume.ofFlat(first16, 16, d), x.volume()[at16], 1e-12);

        // Rises steeply while m is below d, then flattens: the marginal effect.
        double[] v = x.volume();
        assertTrue(v[1] - v[0] > v[v.length - 1] - v[v.length - 2], Arrays.toString(v));
        assertTrue(v[v.length - 1] > v[0]);
    }

    @Test
    void fourClassesSpreadOverTheLabelOrder() {
        assertEquals(
                List.of("0", "3", "6", "9"),
                Workload.marginalClasses(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")));
        assertEquals(List.of("a", "b"), Workload.marginalClasses(List.of("a", "b")));
    }
}
