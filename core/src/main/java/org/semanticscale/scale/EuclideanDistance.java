package org.semanticscale.scale;

/**
 * The Euclidean distance of two d-vectors held inside larger arrays: stage B's hottest loop at many classes
 * ({@link CentreDistanceSums}: 2 x C distances per moved class). The Vector API kernel when the JVM has
 * {@code jdk.incubator.vector} (the launcher and the tests add it), four scalar partial sums otherwise; the two
 * differ in the order of the additions only (about 1e-16 relative).
 */
interface EuclideanDistance {
    double between(double[] a, int aOffset, double[] b, int bOffset, int dimension);

    /** The kernel this JVM can run. */
    static EuclideanDistance best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return new VectorEuclideanDistance();
            } catch (LinkageError | RuntimeException e) {
                return EuclideanDistance::scalar;
            }
        }
        return EuclideanDistance::scalar;
    }

    /** Four partial sums so that the additions overlap. */
    static double scalar(double[] a, int aOffset, double[] b, int bOffset, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            double t0 = a[aOffset + k] - b[bOffset + k];
            double t1 = a[aOffset + k + 1] - b[bOffset + k + 1];
            double t2 = a[aOffset + k + 2] - b[bOffset + k + 2];
            double t3 = a[aOffset + k + 3] - b[bOffset + k + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; k < d; k++) {
            double t = a[aOffset + k] - b[bOffset + k];
            s0 += t * t;
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }
}
