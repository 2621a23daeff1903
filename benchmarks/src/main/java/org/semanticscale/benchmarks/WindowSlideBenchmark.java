package org.semanticscale.benchmarks;

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
import org.semanticscale.window.RunningScatter;

/**
 * One window slide, one vector in and one out, in a window of {@link #M} vectors of dimension d: the
 * per-record cost of an incremental window, to hold against a from-scratch volume at the same d and m.
 *
 * <ul>
 *   <li>{@link #scatterSlide}: {@link RunningScatter} update + revert, O(d^2), the cost every record
 *       pays in the streams app;
 *   <li>{@link #scatterSlideAndRead}: the same plus a {@code volume()} read (Cholesky, O(d^3/6)), the
 *       worst case of reading after every record;
 *   <li>{@link #rankOneCholeskySlideAndRead}: the alternative design, {@link RankOneCholeskyWindow}
 *       rank-1 update + downdate, O(d^2), whose read is O(d).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class WindowSlideBenchmark {
    /** Window size: the m of the from-scratch anchor it is compared with. */
    static final int M = 1024;

    /** A full running-scatter window. */
    @State(Scope.Thread)
    public static class ScatterWindow {
        @Param({"64", "256", "512"})
        int d;

        WindowSlide slide;
        RunningScatter statistic;

        @Setup
        public void fill() {
            slide = new WindowSlide(M, d, 7);
            statistic = new RunningScatter(d);
            for (float[] x : slide.initialWindow()) {
                statistic.update(x);
            }
        }
    }

    /** A full rank-1 Cholesky window over the same vectors. */
    @State(Scope.Thread)
    public static class CholeskyWindow {
        @Param({"64", "256", "512"})
        int d;

        WindowSlide slide;
        RankOneCholeskyWindow statistic;

        @Setup
        public void fill() {
            slide = new WindowSlide(M, d, 7);
            statistic = new RankOneCholeskyWindow(slide.initialWindow());
        }
    }

    @Benchmark
    public void scatterSlide(ScatterWindow w) {
        w.slide.advance();
        w.statistic.update(w.slide.in());
        w.statistic.revert(w.slide.out());
    }

    @Benchmark
    public double scatterSlideAndRead(ScatterWindow w) {
        scatterSlide(w);
        return w.statistic.volume();
    }

    @Benchmark
    public double rankOneCholeskySlideAndRead(CholeskyWindow w) {
        w.slide.advance();
        w.statistic.slide(w.slide.out(), w.slide.in());
        return w.statistic.volume();
    }
}
