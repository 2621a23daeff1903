package org.semanticscale.benchmarks;

import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.ndarray.INDArray;
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

/**
 * The ND4J baseline ({@link Nd4jVolume}) at the sizes of {@link FromScratchVolumeBenchmark}, on the
 * same seeded data. The input is already a float64 ND4J matrix, as numpy's is already a float64
 * array: only the core's number includes widening float32 input, which favours the baselines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Nd4jVolumeBenchmark {
    @Param({"64", "256", "512"})
    int d;

    @Param({"256", "1024", "4096"})
    int m;

    private INDArray x;

    @Setup
    public void makeData() {
        Nd4jVolume.useDoublePrecision();
        x = Nd4jVolume.matrix(GaussianData.flat(m, d, 42), m, d);
    }

    @Benchmark
    public double volume() {
        return Nd4jVolume.of(x);
    }
}
