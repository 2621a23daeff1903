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
import org.semanticscale.volume.Volume;

/**
 * The volume of m float32 samples of dimension d computed from scratch by the core,
 * {@link Volume#ofFlat(float[], int, int)}: widen to float64, centre, Gram matrix on the smaller side,
 * Cholesky. This is what a window pays when it is rebuilt and what a batch job pays per class, so it
 * is the number to hold against numpy and ND4J (their benchmarks use the same sizes).
 *
 * <p>{@code kernel} sets {@code -Dssi.volume.kernel} for the fork: {@code auto} (what the launcher
 * runs: OpenBLAS above the crossover, the Vector API kernel below it), {@code vector} (the JDK Vector
 * API at every size), {@code scalar} (the fallback when the incubator module is missing) or {@code
 * blas} (OpenBLAS at every size; not in the default run, for measuring the crossover with {@code -p
 * kernel=blas,vector}). Each parameter combination runs in fresh JVMs, so the choice, made once per
 * JVM, is the one asked for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FromScratchVolumeBenchmark {

    @Param({"64", "256", "512"})
    int d;

    @Param({"256", "1024", "4096"})
    int m;

    @Param({"auto", "vector", "scalar"})
    String kernel;

    private float[] data;

    @Setup
    public void selectKernelAndMakeData() {
        if (!"scalar".equals(kernel)
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException(
                    "the " + kernel + " kernel needs the fork to run with --add-modules jdk.incubator.vector");
        }
        // Read once, at the first volume computed in this JVM: nothing has touched Volume yet.
        System.setProperty(Volume.KERNEL_PROPERTY, kernel);
        data = GaussianData.flat(m, d, 42);
        String used = Volume.kernelFor(m, d);
        if (("blas".equals(kernel) || "scalar".equals(kernel)) && !used.startsWith(kernel)) {
            throw new IllegalStateException("asked for the " + kernel + " kernel, got " + used);
        }
    }

    @Benchmark
    public double volume() {
        return Volume.ofFlat(data, m, d);
    }
}
