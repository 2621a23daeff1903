package org.semanticscale.benchmarks.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Passes of several topologies over the same pre-filled topic, in turn, round after round, after warming the JIT
 * on each over another topic: the figures of one pass are then compared with another's measured in the same
 * rounds, on the same machine at the same time.
 */
final class Rounds {
    static final int WARMUP_PASSES = 3;

    private Rounds() {}

    /** {@code n} records of one kind produced to a topic from a seed. */
    @FunctionalInterface
    interface RecordSource {
        void produce(KafkaProducer<byte[], byte[]> producer, String topic, int n, long seed);
    }

    /** One topology reading a topic from the start, giving its figures (a rate, or more); named for the report. */
    record Pass<T>(String name, Measure<T> measure) {}

    @FunctionalInterface
    interface Measure<T> {
        T of(String topic) throws Exception;
    }

    /** Reports one round as soon as it is done: {@code results} in the order of the passes. */
    @FunctionalInterface
    interface RoundReport<T> {
        void round(int round, List<T> results);
    }

    /** Creates the measured and the warm-up topic and fills them; returns the seconds the measured records took. */
    static double produceTopics(
            String bootstrap,
            ConsumptionClock clock,
            int partitions,
            RecordSource source,
            String topic,
            int records,
            String warmupTopic,
            int warmupRecords)
            throws Exception {
        clock.admin()
                .createTopics(List.of(
                        new NewTopic(topic, partitions, (short) 1), new NewTopic(warmupTopic, partitions, (short) 1)))
                .all()
                .get();
        try (KafkaProducer<byte[], byte[]> producer = LongTailFeatures.producer(bootstrap)) {
            long t0 = System.nanoTime();
            source.produce(producer, topic, records, 1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            source.produce(producer, warmupTopic, warmupRecords, 2);
            return seconds;
        }
    }

    /**
     * Warms the JIT on every pass first ({@value #WARMUP_PASSES} times over the warm-up topic; docs/benchmarks.md,
     * 'Anchors': a fresh JVM is about 30 % slower, and with one 50,000-record pass each, both topologies still
     * sped up by 2x over the next four rounds), then runs the passes in turn over the topic, {@code rounds} times,
     * reporting each round. Returns each pass's figures, round by round.
     */
    static <T> List<List<T>> alternate(
            List<Pass<T>> passes, String warmupTopic, String topic, int rounds, RoundReport<T> report)
            throws Exception {
        for (int warm = 0; warm < WARMUP_PASSES; warm++) {
            for (Pass<T> p : passes) {
                p.measure().of(warmupTopic);
            }
        }
        List<List<T>> results = new ArrayList<>();
        passes.forEach(p -> results.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<T> thisRound = new ArrayList<>();
            for (int i = 0; i < passes.size(); i++) {
                T result = passes.get(i).measure().of(topic);
                results.get(i).add(result);
                thisRound.add(result);
            }
            report.round(round, thisRound);
        }
        return results;
    }
}
