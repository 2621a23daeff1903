package org.semanticscale.streams.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;

/** Feature vectors in the binary layout, for the repartition by class. */
final class FeatureVectorSerde {
    private FeatureVectorSerde() {}

    static Serde<FeatureVector> create() {
        Serializer<FeatureVector> ser = (topic, v) -> v == null ? null : BinaryRecords.encode(v);
        Deserializer<FeatureVector> de = (topic, bytes) -> bytes == null ? null : BinaryRecords.decodeFeature(bytes);
        return Serdes.serdeFrom(ser, de);
    }
}
