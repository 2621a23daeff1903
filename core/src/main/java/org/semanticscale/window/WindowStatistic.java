package org.semanticscale.window;

/**
 * An estimator over a multiset of vectors that can take one in and give one back, and read the volume
 * they span. Every implementation passes the shared contract test: update then revert equals a fresh
 * statistic, and long random slides stay within 1e-6 of a from-scratch volume.
 */
public interface WindowStatistic {
    /** Adds one vector. */
    void update(float[] x);

    /** Removes one vector previously added. */
    void revert(float[] x);

    /** Volume of the vectors held (docs/semantic-scale.md, 'Volume of one class'). */
    double volume();

    /** How many vectors are held. */
    long count();

    /** Dimension of the vectors. */
    int dimension();
}
