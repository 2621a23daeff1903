package org.semanticscale.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.semanticscale.scale.CentreDistanceSums;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.scale.SemanticScales;

/**
 * One stage B recompute of every class's scale after {@code changedPercent} % of the C classes moved their
 * centre (one publish interval), d = 64:
 *
 * <ul>
 *   <li>{@link #incremental}: {@code SemanticScales.compute(summaries, distances)}, the centre-distance sums
 *       kept from the last interval ({@link CentreDistanceSums}), O(changed x C x d), or from scratch when
 *       that is cheaper;
 *   <li>{@link #fromScratch}: {@code SemanticScales.compute(summaries)}, O(C^2 d).
 * </ul>
 *
 * Each interval moves the next block of classes (round the ring) between two seeded centres of their own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1)
public class StageBRecomputeBenchmark {
    static final int D = 64;

    @State(Scope.Thread)
    public static class Classes {
        @Param({"10", "100", "1000", "8142"})
        int classes;

        @Param({"1", "10", "100"})
        int changedPercent;

        final SemanticScales scales = SemanticScales.withDefaults();
        final CentreDistanceSums distances = new CentreDistanceSums();
        /** Two summaries per class, alternated: the same volume and count, another centre. */
        ClassSummary[][] versions;

        List<ClassSummary> summaries;
        int[] version;
        int changed;
        int next;

        @Setup
        public void make() {
            float[] a = GaussianData.flat(classes, D, 11);
            float[] b = GaussianData.flat(classes, D, 13);
            versions = new ClassSummary[classes][2];
            summaries = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                long n = 2 + i % 500;
                double volume = 1 + (i % 37) / 37.0;
                versions[i][0] = new ClassSummary("class-" + i, n, volume, centre(a, i));
                versions[i][1] = new ClassSummary("class-" + i, n, volume, centre(b, i));
                summaries.add(versions[i][0]);
            }
            version = new int[classes];
            changed = Math.max(1, classes * changedPercent / 100);
            scales.compute(summaries, distances);
        }

        private static double[] centre(float[] data, int i) {
            double[] c = new double[D];
            for (int k = 0; k < D; k++) {
                c[k] = 10 * data[i * D + k];
            }
            return c;
        }

        /** The next interval: the next {@code changed} classes move. */
        void advance() {
            for (int k = 0; k < changed; k++) {
                int i = next;
                next = (next + 1) % classes;
                version[i] ^= 1;
                summaries.set(i, versions[i][version[i]]);
            }
        }
    }

    @Benchmark
    public List<ClassScale> incremental(Classes c) {
        c.advance();
        return c.scales.compute(c.summaries, c.distances);
    }

    @Benchmark
    public List<ClassScale> fromScratch(Classes c) {
        c.advance();
        return c.scales.compute(c.summaries);
    }
}
