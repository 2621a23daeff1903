package org.semanticscale.trainer.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scaletopic.ScaleSnapshot;
import org.semanticscale.trainer.weights.ClassCounts;
import org.semanticscale.trainer.weights.ClassWeights;
import org.semanticscale.trainer.weights.LossWeighting;
import org.semanticscale.trainer.weights.WeightPolicy;

/**
 * What the class weights cost the trainer with many classes, no model and no broker: per step, the DSB
 * weights as every step computed them before (a pass over the labels with a lookup each, the counts copied,
 * the vector converted to floats) against the policy's cached vector now, and the Class-Balanced weights; per
 * change of the scales topic, {@code ScaleSnapshot.with} of one poll's records (the scales reader copies the
 * whole map for each poll that changes it) and reading the whole topic. Each figure is the median of 15 blocks
 * of about 100 ms after 1 s of warm-up, in microseconds. Not a test: run it by hand (docs/scaling.md, 'A trainer
 * with 8,142 classes').
 *
 * <p>Arguments (optional): {@code classes=8142 poll=500} (poll: records per poll, Kafka's max.poll.records).
 */
public final class ClassWeightCostBenchmark {
    private static final int BLOCKS = 15;
    private static final long BLOCK_NANOS = 100_000_000L;
    private static final long WARMUP_NANOS = 1_000_000_000L;

    /** Keeps results alive so the JIT cannot drop the work. */
    private static long sink;

    private ClassWeightCostBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> opts = new HashMap<>(Map.of("classes", "8142", "poll", "500"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int poll = Integer.parseInt(opts.get("poll"));
        System.out.printf(
                "| classes | DSB per step before: lookups, counts, floats (us) | DSB per step now: cached (us) "
                        + "| Class-Balanced per step (us) | ScaleSnapshot.with, one poll of %d (us) "
                        + "| the whole topic read, %s (us) |%n",
                poll, "polls of " + poll);
        System.out.println("|---|---|---|---|---|---|");
        for (String c : opts.get("classes").split(",")) {
            row(Integer.parseInt(c.trim()), poll);
        }
    }

    private static void row(int classes, int poll) {
        List<String> labels =
                IntStream.range(0, classes).mapToObj(i -> "class-" + i).toList();
        List<Map<String, ScaleRecord>> polls = polls(labels, poll);
        ScaleSnapshot full = readAll(polls);
        ClassCounts counts = new ClassCounts(classes);
        Random random = new Random(1);
        for (int i = 0; i < 100 * classes; i++) {
            counts.add(random.nextInt(classes));
        }
        WeightPolicy dsb = new WeightPolicy(LossWeighting.DSB, labels, 0.9999, () -> full, () -> ScaleSnapshot.EMPTY);
        WeightPolicy classBalanced =
                new WeightPolicy(LossWeighting.CLASS_BALANCED, labels, 0.9999, () -> full, () -> ScaleSnapshot.EMPTY);
        Supplier<long[]> countsSnapshot = counts::snapshot;
        ScaleSnapshot almostFull = full.with(Map.of(), labels.subList(0, Math.min(poll, classes)));
        Map<String, ScaleRecord> lastPoll = polls.get(0);

        double before = micros(() -> {
            long[] n = counts.snapshot();
            return n.length + toFloats(ClassWeights.dsb(labels, full)).length;
        });
        double now = micros(() -> dsb.weightsFor(true, countsSnapshot).length);
        double cb = micros(() -> toFloats(classBalanced.weightsFor(true, countsSnapshot)).length);
        double with =
                micros(() -> almostFull.with(lastPoll, List.of()).byLabel().size());
        double topic = micros(() -> readAll(polls).byLabel().size());
        System.out.printf("| %d | %.1f | %.3f | %.1f | %.1f | %.1f |%n", classes, before, now, cb, with, topic);
    }

    /** Scale records of every class with long-tailed weights, in polls of {@code poll} records. */
    private static List<Map<String, ScaleRecord>> polls(List<String> labels, int poll) {
        List<Map<String, ScaleRecord>> out = new ArrayList<>();
        for (int from = 0; from < labels.size(); from += poll) {
            Map<String, ScaleRecord> batch = new HashMap<>();
            for (int i = from; i < Math.min(labels.size(), from + poll); i++) {
                double weight = Math.pow(i + 1, 0.7);
                batch.put(labels.get(i), record(labels.get(i), weight));
            }
            out.add(batch);
        }
        return out;
    }

    /** What the scales reader does on reading the topic from the start: one snapshot per poll. */
    private static ScaleSnapshot readAll(List<Map<String, ScaleRecord>> polls) {
        ScaleSnapshot s = ScaleSnapshot.EMPTY;
        for (Map<String, ScaleRecord> p : polls) {
            s = s.with(p, List.of());
        }
        return s;
    }

    private static ScaleRecord record(String label, double weight) {
        return new ScaleRecord(
                label, 100, 3, 0.5, 1.2, 0.1 / weight, weight, 1, false, false, 5, 0, 1, Double.NaN, false, Double.NaN);
    }

    private static float[] toFloats(double[] w) {
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) w[i];
        }
        return out;
    }

    /** Median microseconds per call over {@link #BLOCKS} blocks, after a warm-up. */
    private static double micros(Supplier<Integer> op) {
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            sink += op.get();
        }
        double[] perCall = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long start = System.nanoTime();
            long calls = 0;
            while (System.nanoTime() - start < BLOCK_NANOS) {
                sink += op.get();
                calls++;
            }
            perCall[b] = (System.nanoTime() - start) / 1e3 / calls;
        }
        java.util.Arrays.sort(perCall);
        return perCall[BLOCKS / 2];
    }
}
