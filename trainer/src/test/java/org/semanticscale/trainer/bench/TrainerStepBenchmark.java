package org.semanticscale.trainer.bench;

import ai.djl.Device;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.config.Settings;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.topic.Topics;
import org.semanticscale.trainer.kafka.FeaturePublisher;
import org.semanticscale.trainer.kafka.KafkaClients;
import org.semanticscale.trainer.loss.CrossEntropyLoss;
import org.semanticscale.trainer.model.HeadType;
import org.semanticscale.trainer.model.ModelType;
import org.semanticscale.trainer.model.NetworkSpec;
import org.semanticscale.trainer.sample.InputShape;
import org.semanticscale.trainer.sample.Sample;
import org.semanticscale.trainer.train.DjlEnvironment;
import org.semanticscale.trainer.train.OnlineLearner;
import org.semanticscale.trainer.train.StepResult;

/**
 * Step time of the trainer's inner loop on Fashion-MNIST-LT, one thread, batch 64, in one run on the
 * same batches: plain CE; DSB-CE (per-sample class weights); DSB-CE with the pooled features copied
 * out; and with them published to a real Kafka broker in this JVM. Variants take turns in rounds so
 * drift in machine load hits them alike. Reported: the median wall time of a step after a warm-up,
 * the training thread's CPU time per step, and the whole process's CPU time per step (the feature
 * sender, the producer and the in-process broker included: what publishing costs a saturated
 * machine), and memory. Not a test: run it by hand (see docs/benchmarks-trainer.md).
 *
 * <p>Arguments (all optional): {@code model=mlp|cnn rounds=30 steps=60 warmup=300 dir=/usr/share/datasets/fashion-mnist
 * bootstrap=H:P} (a broker in another process; default: one in this JVM).
 */
public final class TrainerStepBenchmark {
    private static final int BATCH = 64;
    private static final int CLASSES = 10;
    /**
     * Fashion-MNIST-LT: n_i = 6000 * IF^(-i/9) with imbalance factor IF = 100 (the exponential profile,
     * docs/semantic-scale.md, 'Long-tailed profiles').
     */
    private static final double IMBALANCE = 100;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private enum Variant {
        PLAIN_CE("plain CE"),
        DSB_CE("DSB-CE"),
        DSB_CE_FEATURES("DSB-CE + features copied out"),
        DSB_CE_PUBLISHING("DSB-CE + features published");

        final String title;

        Variant(String title) {
            this.title = title;
        }
    }

    private TrainerStepBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>(Map.of(
                "model",
                "mlp",
                "rounds",
                "30",
                "steps",
                "60",
                "warmup",
                "300",
                "dir",
                "/usr/share/datasets/fashion-mnist"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        ModelType type = new Settings(opts).choice("model", ModelType.values(), ModelType::configName);
        int rounds = Integer.parseInt(opts.get("rounds"));
        int steps = Integer.parseInt(opts.get("steps"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        DjlEnvironment.prepare();

        List<List<Sample>> batches = longTailedBatches(Path.of(opts.get("dir")), 42);
        NetworkSpec spec = new NetworkSpec(
                type,
                new InputShape(28, 28),
                type == ModelType.MLP ? List.of(256, 64) : List.of(128, 64),
                List.of(16, 32),
                HeadType.LINEAR,
                CLASSES,
                1);
        // DSB weights averaging 1, larger for the tail, as the streams-app's scales would give them.
        float[] weights = {0.55f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f, 1.1f, 1.25f, 1.45f, 1.65f};

        // An external broker (bootstrap=H:P, e.g. 'ssi broker' in another process) keeps its CPU out of this process's.
        String external = opts.get("bootstrap");
        try (EmbeddedKafkaBroker broker = external == null ? EmbeddedKafkaBroker.start() : null) {
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", external == null ? broker.bootstrapServers() : external);
            System.out.println("broker: " + (external == null ? "in this JVM" : external));
            KafkaClients clients = new KafkaClients(kafka, "bench");
            try (Admin admin = clients.admin()) {
                Topics.ensure(admin, List.of(TopicSpec.plain("bench.features", 1, (short) 1)), 30_000);
            }
            Map<Variant, OnlineLearner> learners = new TreeMap<>();
            Map<Variant, Measurements> measured = new TreeMap<>();
            try (KafkaProducer<byte[], byte[]> producer = clients.producer();
                    FeaturePublisher publisher = new FeaturePublisher(producer, "bench.features")) {
                for (Variant v : Variant.values()) {
                    learners.put(v, new OnlineLearner(spec, new CrossEntropyLoss(), 1e-3, 64, BATCH, Device.cpu(), 7));
                    measured.put(v, new Measurements());
                }
                int[] cursor = new int[Variant.values().length];
                for (Variant v : Variant.values()) {
                    run(v, learners.get(v), batches, cursor, warmup, weights, publisher, new Measurements());
                }
                long rssAfterWarmup = rss("VmRSS");
                // Short rounds, variants in turn: each round's figures are compared with plain CE's of the same
                // round, so changes in machine load (other processes) hit both sides of each comparison.
                for (int round = 0; round < rounds; round++) {
                    for (Variant v : Variant.values()) {
                        run(v, learners.get(v), batches, cursor, steps, weights, publisher, measured.get(v));
                    }
                }
                report(type, rounds, steps, warmup, measured, publisher.sent(), rssAfterWarmup);
            } finally {
                learners.values().forEach(OnlineLearner::close);
            }
        }
    }

    /** Step wall times of a variant, and per round its median and its CPU time per step. */
    private static final class Measurements {
        final List<Long> stepNanos = new ArrayList<>();
        final List<Double> roundMedianMillis = new ArrayList<>();
        final List<Double> roundThreadCpuMillis = new ArrayList<>();
        final List<Double> roundProcessCpuMillis = new ArrayList<>();
    }

    /** One round: {@code steps} steps of a variant; a publishing round ends when its features are acknowledged. */
    private static void run(
            Variant v,
            OnlineLearner learner,
            List<List<Sample>> batches,
            int[] cursor,
            int steps,
            float[] weights,
            FeaturePublisher publisher,
            Measurements m) {
        List<Long> round = new ArrayList<>();
        long threadCpu = THREADS.getCurrentThreadCpuTime();
        long processCpu = PROCESS.getProcessCpuTime();
        for (int i = 0; i < steps; i++) {
            List<Sample> batch = batches.get(cursor[v.ordinal()]++ % batches.size());
            long start = System.nanoTime();
            switch (v) {
                case PLAIN_CE -> learner.train(batch, null, false);
                case DSB_CE -> learner.train(batch, weights, false);
                case DSB_CE_FEATURES -> learner.train(batch, weights, true);
                case DSB_CE_PUBLISHING -> {
                    StepResult r = learner.train(batch, weights, true);
                    publisher.publish(batch, r.features(), 64, cursor[v.ordinal()]);
                }
            }
            round.add(System.nanoTime() - start);
        }
        if (v == Variant.DSB_CE_PUBLISHING) {
            publisher.flush(); // the sender's, the producer's and the broker's work for this round is in this round
        }
        m.stepNanos.addAll(round);
        m.roundMedianMillis.add(median(round) / 1e6);
        m.roundThreadCpuMillis.add((THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e6 / steps);
        m.roundProcessCpuMillis.add((PROCESS.getProcessCpuTime() - processCpu) / 1e6 / steps);
    }

    /** Fashion-MNIST's training images sub-sampled to the long-tailed profile, shuffled, in batches of 64. */
    static List<List<Sample>> longTailedBatches(Path dir, long seed) throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(images)) {
            throw new IOException(images + " not found: apt-get install dataset-fashion-mnist");
        }
        LabelledVectors data = IdxFiles.read(images, dir.resolve("train-labels-idx1-ubyte.gz"));
        int[] wanted = new int[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            wanted[c] = (int) Math.round(6000 * Math.pow(IMBALANCE, -c / (CLASSES - 1.0)));
        }
        List<Sample> samples = new ArrayList<>();
        int[] taken = new int[CLASSES];
        for (int r = 0; r < data.size(); r++) {
            int c = Integer.parseInt(data.label(r));
            if (taken[c] < wanted[c]) {
                taken[c]++;
                samples.add(new Sample("lt-" + r, data.label(r), c, data.row(r)));
            }
        }
        Collections.shuffle(samples, new Random(seed));
        List<List<Sample>> batches = new ArrayList<>();
        for (int i = 0; i + BATCH <= samples.size(); i += BATCH) {
            batches.add(List.copyOf(samples.subList(i, i + BATCH)));
        }
        System.out.printf(
                "Fashion-MNIST-LT (IF %.0f): %s = %d samples, %d batches of %d%n",
                IMBALANCE, Arrays.toString(taken), samples.size(), batches.size(), BATCH);
        return batches;
    }

    private static void report(
            ModelType type,
            int rounds,
            int steps,
            int warmup,
            Map<Variant, Measurements> measured,
            long published,
            long rssAfterWarmup) {
        System.gc();
        Measurements base = measured.get(Variant.PLAIN_CE);
        System.out.printf(
                "%nmodel %s, batch %d, %d intra-op thread(s), warm-up %d steps per variant, then %d rounds of %d steps "
                        + "per variant in turn; %d cores, load average %.2f at the end%n",
                type.configName(),
                BATCH,
                Integer.getInteger("ai.djl.pytorch.num_threads", 0),
                warmup,
                rounds,
                steps,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(
                "| variant | median ms/step | vs plain CE, paired by round | training-thread CPU ms/step | vs plain CE "
                        + "| process CPU ms/step | vs plain CE |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Variant v : Variant.values()) {
            Measurements m = measured.get(v);
            System.out.printf(
                    "| %s | %.3f | %+.1f %% | %.3f | %+.1f %% | %.3f | %+.1f %% |%n",
                    v.title,
                    median(m.stepNanos) / 1e6,
                    pairedChange(m.roundMedianMillis, base.roundMedianMillis),
                    medianOf(m.roundThreadCpuMillis),
                    pairedChange(m.roundThreadCpuMillis, base.roundThreadCpuMillis),
                    medianOf(m.roundProcessCpuMillis),
                    pairedChange(m.roundProcessCpuMillis, base.roundProcessCpuMillis));
        }
        System.out.println();
        for (Variant v : Variant.values()) {
            List<Double> ratios = ratios(measured.get(v).roundMedianMillis, base.roundMedianMillis);
            System.out.printf(
                    "%s / plain CE, round medians: quartiles %.3f %.3f %.3f%n",
                    v.title, quantile(ratios, 0.25), quantile(ratios, 0.5), quantile(ratios, 0.75));
        }
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%nfeature vectors published: %d%n", published);
        System.out.printf(
                "memory: heap used %.0f MB (after GC), direct buffers %.1f MB in %d, RSS %.0f MB after warm-up, "
                        + "%.0f MB at the end, peak %.0f MB (four models, Fashion-MNIST and, unless external, the broker in one JVM)%n",
                (rt.totalMemory() - rt.freeMemory()) / 1e6,
                direct.getMemoryUsed() / 1e6,
                direct.getCount(),
                rssAfterWarmup / 1e6,
                rss("VmRSS") / 1e6,
                rss("VmHWM") / 1e6);
    }

    /** The median over rounds of (variant / plain CE) - 1, in percent. */
    private static double pairedChange(List<Double> variant, List<Double> base) {
        return 100 * (quantile(ratios(variant, base), 0.5) - 1);
    }

    private static List<Double> ratios(List<Double> variant, List<Double> base) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < variant.size(); i++) {
            out.add(variant.get(i) / base.get(i));
        }
        return out;
    }

    private static double medianOf(List<Double> values) {
        return quantile(values, 0.5);
    }

    private static double quantile(List<Double> values, double p) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double median(List<Long> values) {
        return quantile(values.stream().map(Long::doubleValue).toList(), 0.5);
    }

    /** A figure from /proc/self/status in bytes (Linux), or -1. */
    private static long rss(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
