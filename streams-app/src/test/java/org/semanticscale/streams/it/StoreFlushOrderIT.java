package org.semanticscale.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.ScratchDir;

/**
 * Settles a belief of docs/decisions.md ('The streams-app's hot path') on a real broker: under exactly-once v2, a
 * custom state store's {@code flush()} is no hook for writing buffered state before a commit. Kafka Streams 4.4's
 * StreamTask.prepareCommit flushes only the record caches and time-ordered buffers before the offsets go into the
 * transaction; a store's {@code commit(Map)} (by default its {@code flush()}) runs in postCommit, after the
 * transaction, and only when a checkpoint is due (a clean close, or enough changelog data). The window store
 * relies on the record cache instead.
 */
class StoreFlushOrderIT {
    private static final String TOPIC = "flush-order-in";
    private static final int RECORDS = 20;

    private EmbeddedKafkaBroker broker;
    private ScratchDir stateDir;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        stateDir = ScratchDir.create("flush-order");
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
        stateDir.close();
    }

    /** What the store saw at one flush: records processed so far and the group's committed offset then. */
    record Flush(long processed, long committed) {}

    @Test
    void aCustomStoresFlushRunsAfterTheOffsetsOfTheRecordsBeforeItAreCommitted() throws Exception {
        String bootstrap = broker.bootstrapServers();
        String appId = "flush-order-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            AtomicLong processed = new AtomicLong();
            List<Flush> flushes = new CopyOnWriteArrayList<>();
            TopicPartition input = new TopicPartition(TOPIC, 0);

            StreamsBuilder builder = new StreamsBuilder();
            builder.addStateStore(new ProbeStoreBuilder(
                    () -> flushes.add(new Flush(processed.get(), committedOffset(admin, appId, input)))));
            builder.stream(TOPIC, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .process(
                            () -> new Processor<byte[], byte[], Void, Void>() {
                                @Override
                                public void process(Record<byte[], byte[]> record) {
                                    processed.incrementAndGet();
                                }
                            },
                            ProbeStoreBuilder.NAME);
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.path().toString());
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            try (KafkaStreams streams = new KafkaStreams(builder.build(), p);
                    KafkaProducer<byte[], byte[]> producer =
                            KafkaIo.of(bootstrap).producer()) {
                streams.start();
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, new byte[] {(byte) i}))
                            .get();
                }
                // The positive marker: every record's offset committed (in the transactions of exactly-once v2).
                Await.until(
                        "the offsets of all " + RECORDS + " records committed",
                        Duration.ofSeconds(60),
                        () -> committedOffset(admin, appId, input) == RECORDS);
                assertTrue(
                        flushes.stream().noneMatch(f -> f.processed() > 0),
                        "the records were committed without any flush() after them: flush is not called per commit: "
                                + flushes);
                streams.close(Duration.ofSeconds(30)); // a clean close: a last commit, then a checkpoint
            }
            Flush atClose = flushes.stream()
                    .filter(f -> f.processed() == RECORDS)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no flush() at the clean close: " + flushes));
            assertEquals(
                    RECORDS,
                    atClose.committed(),
                    "when flush() ran, the offsets of every record processed before it were already committed: "
                            + flushes);
            assertTrue(
                    flushes.stream().allMatch(f -> f.committed() >= f.processed()),
                    "no flush() ever ran before the commit of what preceded it: " + flushes);
        }
    }

    private static long committedOffset(Admin admin, String group, TopicPartition tp) {
        try {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .get(tp);
            return o == null ? 0 : o.offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the committed offsets of " + group, e);
        }
    }

    /** A state store that does nothing but report each flush() call. */
    private static final class ProbeStoreBuilder implements StoreBuilder<StateStore> {
        static final String NAME = "flush-probe";
        private final Runnable onFlush;

        ProbeStoreBuilder(Runnable onFlush) {
            this.onFlush = onFlush;
        }

        @Override
        public StateStore build() {
            return new StateStore() {
                private boolean open;

                @Override
                public String name() {
                    return NAME;
                }

                @Override
                public void init(StateStoreContext context, StateStore root) {
                    context.register(root, (key, value) -> {});
                    open = true;
                }

                @Override
                public void flush() {
                    onFlush.run();
                }

                @Override
                public void close() {
                    open = false;
                }

                @Override
                public boolean persistent() {
                    return false;
                }

                @Override
                public boolean isOpen() {
                    return open;
                }
            };
        }

        @Override
        public StoreBuilder<StateStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<StateStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<StateStore> withLoggingEnabled(Map<String, String> config) {
            return this;
        }

        @Override
        public StoreBuilder<StateStore> withLoggingDisabled() {
            return this;
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return NAME;
        }
    }
}
