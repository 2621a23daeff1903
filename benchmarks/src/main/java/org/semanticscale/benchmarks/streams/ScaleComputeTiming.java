package org.semanticscale.benchmarks.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.streams.StreamsAppConfig;

/**
 * Stage B's scale computation timed on its own: {@link SemanticScales#compute} over the summaries of every class,
 * with the app's settings. A stand-in while the app has no metric of stage B's time per publish; it leaves out
 * the rest of a publish (each class's scale record, alert states and store writes, the records forwarded).
 * Between calls, {@code changedPerCall} classes get a new summary, as a live stream changes them between
 * publishes (so an implementation that reuses the last call's work is timed doing what it would do live).
 */
final class ScaleComputeTiming {
    private static final int WARMUP_CALLS = 3;

    private ScaleComputeTiming() {}

    /** The median milliseconds of {@code calls} computations over {@code classes} summaries of {@code dimension}. */
    static double medianMillis(
            StreamsAppConfig config, int classes, int dimension, int windowVectors, int changedPerCall, int calls) {
        SemanticScales scales =
                new SemanticScales(config.alpha(), config.normalization(), config.beta(), config.minSamples());
        Random r = new Random(5);
        List<ClassSummary> summaries = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            summaries.add(summary(c, dimension, windowVectors, r));
        }
        List<Double> millis = new ArrayList<>();
        for (int call = 0; call < WARMUP_CALLS + calls; call++) {
            for (int k = 0; k < changedPerCall; k++) {
                int c = r.nextInt(classes);
                summaries.set(c, summary(c, dimension, windowVectors, r));
            }
            long t0 = System.nanoTime();
            scales.compute(summaries);
            if (call >= WARMUP_CALLS) {
                millis.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return Percentiles.median(millis);
    }

    /** A class of a full window: a centre drawn around the origin, a volume (bits) around 50. */
    private static ClassSummary summary(int cls, int dimension, int windowVectors, Random r) {
        double[] mean = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            mean[k] = 3 * r.nextGaussian();
        }
        return new ClassSummary(Integer.toString(cls), windowVectors, 50 + r.nextGaussian(), mean);
    }
}
