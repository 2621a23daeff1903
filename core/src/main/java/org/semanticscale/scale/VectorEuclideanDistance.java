package org.semanticscale.scale;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link EuclideanDistance} on the Vector API: one fused multiply-add per lane group, one reduction at the end. */
final class VectorEuclideanDistance implements EuclideanDistance {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public double between(double[] a, int aOffset, double[] b, int bOffset, int d) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int k = 0;
        for (; k + LANES <= d; k += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, a, aOffset + k)
                    .sub(DoubleVector.fromArray(SPECIES, b, bOffset + k));
            acc = t.fma(t, acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < d; k++) {
            double t = a[aOffset + k] - b[bOffset + k];
            s += t * t;
        }
        return Math.sqrt(s);
    }
}
