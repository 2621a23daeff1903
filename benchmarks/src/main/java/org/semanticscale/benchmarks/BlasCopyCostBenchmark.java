package org.semanticscale.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.semanticscale.volume.Volume;

/**
 * Where the core's OpenBLAS path spends its time beyond BLAS itself: {@code volume} is the whole
 * {@code Volume.ofFlat(float[], m, d)} on OpenBLAS ({@code -Dssi.volume.kernel=blas}), {@code
 * blasOnly} the {@code cblas_dsyrk} and {@code dpotrf} calls it makes, on data already centred off
 * the heap; the difference is the column means, the widening and centring copy off the heap and the
 * allocations. {@code widenOnHeap} (float32 to a new float64 array, the Java path's first step) and
 * {@code copyOffHeap} (a float64 array into off-heap memory) price the two copies on their own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dssi.volume.kernel=blas"})
public class BlasCopyCostBenchmark {

    @Param({"64", "256", "512"})
    int d;

    @Param({"256", "1024", "4096"})
    int m;

    private float[] data;
    private double[] widened;
    private DoublePointer offHeap;
    private DoublePointer gram;

    @Setup
    public void makeData() {
        data = GaussianData.flat(m, d, 42);
        widened = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            widened[i] = data[i];
        }
        if (!Volume.kernelFor(m, d).startsWith("blas")) {
            throw new IllegalStateException("OpenBLAS did not load: " + Volume.kernelFor(m, d));
        }
        Loader.load(openblas.class);
        offHeap = new DoublePointer(widened);
        int n = Math.min(m, d);
        gram = new DoublePointer((long) n * n);
    }

    @TearDown
    public void free() {
        offHeap.close();
        gram.close();
    }

    @Benchmark
    public double volume() {
        return Volume.ofFlat(data, m, d);
    }

    @Benchmark
    public int blasOnly() {
        // Uncentred here: the cost does not depend on the values, and I + (d/m) X^T X stays positive definite.
        boolean sampleSide = m <= d;
        int n = sampleSide ? m : d;
        openblas.cblas_dsyrk(
                openblas.CblasRowMajor,
                openblas.CblasUpper,
                sampleSide ? openblas.CblasNoTrans : openblas.CblasTrans,
                n,
                sampleSide ? d : m,
                (double) d / m,
                offHeap,
                d,
                0,
                gram,
                n);
        for (int i = 0; i < n; i++) {
            gram.put((long) i * (n + 1), gram.get((long) i * (n + 1)) + 1);
        }
        return openblas.LAPACKE_dpotrf_work(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, gram, n);
    }

    @Benchmark
    public double[] widenOnHeap() {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i];
        }
        return out;
    }

    @Benchmark
    public DoublePointer copyOffHeap() {
        return offHeap.put(widened);
    }
}
