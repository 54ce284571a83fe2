package org.amiconnect.schemas.serde;

import java.util.Objects;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializer and deserializer of one generated Avro class in the Schema Registry wire format, for Kafka Streams and
 * clients. The registry is shared and owned by the caller: closing the serde does not close it.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(SchemaRegistry registry, Class<T> type, boolean forKeys) {
        Objects.requireNonNull(registry, "registry");
        this.serializer = new AvroSerializer<>(registry, forKeys);
        this.deserializer = new AvroDeserializer<>(registry, type);
    }

    /** A serde for record values: schemas are registered under {@code <topic>-value}. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(registry, type, false);
    }

    /** A serde for record keys: schemas are registered under {@code <topic>-key}. */
    public static <T extends SpecificRecord> AvroSerde<T> forKeys(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(registry, type, true);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
