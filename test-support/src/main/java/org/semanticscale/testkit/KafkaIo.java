package org.semanticscale.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The tests' own Kafka clients: producers of test data (all at once or at a steady rate), and readers
 * that see only committed records, the way the apps' consumers do.
 */
public final class KafkaIo {
    private final Map<String, String> client;

    /** @param client Kafka client settings: bootstrap.servers and, for a secured broker, the security ones */
    public KafkaIo(Map<String, String> client) {
        this.client = Map.copyOf(client);
    }

    /** Clients of an unsecured broker. */
    public static KafkaIo of(String bootstrapServers) {
        return new KafkaIo(Map.of("bootstrap.servers", bootstrapServers));
    }

    public String bootstrapServers() {
        return client.get("bootstrap.servers");
    }

    private Properties props() {
        Properties p = new Properties();
        p.putAll(client);
        return p;
    }

    /** An idempotent producer (acks=all) that rides out a broker restart of up to two minutes. */
    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = props();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A transactional producer with this id (initTransactions not yet called). */
    public KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
        Properties p = props();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends the records in one go (an app finds them all at once) and waits until all are acknowledged. */
    public void sendAll(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            records.forEach(r -> acks.add(producer.send(r)));
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends the records at {@code perSecond} ({@link Pace}); {@code handed} counts send calls,
     * {@code acknowledged} the records the broker acknowledged. Returns early, interrupt flag set, when
     * the thread is interrupted.
     */
    public void sendAtRate(
            List<ProducerRecord<byte[], byte[]>> records,
            double perSecond,
            AtomicLong handed,
            AtomicLong acknowledged) {
        Pace pace = Pace.start(perSecond);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < records.size(); i++) {
                pace.awaitTurn(i);
                handed.incrementAndGet();
                producer.send(records.get(i), (m, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Admin admin() {
        return Admin.create(props());
    }

    /** A consumer without a group that sees committed records only; the caller assigns and closes it. */
    public KafkaConsumer<byte[], byte[]> committedReader() {
        Properties p = props();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "2097152");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Every committed record of a topic, from the start to its end as of now (the last stable
     * offset: transactions still open are waited for, aborted ones are skipped).
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "could not read " + topic + " to its end " + end + " within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads the topic ({@link #readCommitted}) until it holds at least {@code count} records, and
     * returns all it holds then: more than {@code count} means duplicates.
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count, Duration timeout)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Await.until(
                count + " records on " + topic,
                timeout,
                () -> {
                    records.clear();
                    records.addAll(readCommitted(topic, timeout));
                    return records.size() >= count;
                },
                () -> records.size() + " there");
        return records;
    }

    /** Per partition, the end offset of a topic (log end, all records). */
    public Map<Integer, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            var description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description
                    .partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> out = new HashMap<>();
            result.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        }
    }

    /** The offsets a consumer group has committed on a topic, per partition (missing = none). */
    public Map<Integer, Long> committed(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<Integer, Long> out = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null) {
                    out.put(tp.partition(), o.offset());
                }
            });
            return out;
        }
    }

    /** True when the group has committed the end of every partition of the topic. */
    public boolean consumedToEnd(String group, String topic) throws Exception {
        Map<Integer, Long> end = endOffsets(topic);
        Map<Integer, Long> done = committed(group, topic);
        return end.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || e.getValue().equals(done.get(e.getKey())));
    }
}
