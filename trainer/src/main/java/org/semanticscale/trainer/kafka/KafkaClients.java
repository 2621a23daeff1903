package org.semanticscale.trainer.kafka;

import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The trainer's Kafka clients, built from the {@code kafka.*} settings (which may carry security
 * settings) plus what the trainer needs of each. Everything is raw bytes: records are decoded and
 * checked by the trainer, so a bad one is dead-lettered rather than failing inside a deserializer.
 */
public final class KafkaClients {
    private final Properties common;
    private final String groupId;

    /**
     * @param common  Kafka client settings, {@code bootstrap.servers} among them
     * @param groupId the group the trainer commits its checkpointed offsets under (for lag monitoring)
     */
    public KafkaClients(Properties common, String groupId) {
        this.common = common;
        this.groupId = groupId;
    }

    public Admin admin() {
        return Admin.create(copy());
    }

    /**
     * The samples consumer: offsets are set by the trainer (from its checkpoint), never committed
     * automatically, and an offset no longer in the log is reported, not silently reset.
     */
    public KafkaConsumer<byte[], byte[]> samplesConsumer() {
        Properties p = copy();
        p.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ssi-trainer-samples");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * One producer for features and dead letters. Requests of up to 256 KB gathered for up to 100 ms:
     * the broker's cost is mostly per request, and a trainer step yields only about 20 KB of
     * features, so small requests would cost several times the CPU. Nothing downstream needs the
     * features sooner (the streams-app recomputes scales every second; record timestamps are taken
     * at send time, not when the request leaves), and a checkpoint flushes anyway.
     */
    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = copy();
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ssi-trainer");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "100");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Properties copy() {
        Properties p = new Properties();
        p.putAll(common);
        return p;
    }
}
