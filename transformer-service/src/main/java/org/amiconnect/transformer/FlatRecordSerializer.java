package org.amiconnect.transformer;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistryException;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The transformer's output serializer: the same Schema Registry wire-format bytes as {@link AvroSerializer} (the
 * record's schema registered under {@code <topic>-value}, then the Avro binary encoding), written by a
 * {@link FlatRecordWriter} for flat records (the standard model's meters and reads) and by {@link AvroSerializer}
 * for all others (dead letters). A null record becomes null bytes. Thread-safe; each thread reuses its own buffer.
 */
final class FlatRecordSerializer implements Serializer<SpecificRecord> {

    private static final ThreadLocal<FlatRecordWriter.Output> OUTPUTS =
            ThreadLocal.withInitial(FlatRecordWriter.Output::new);
    private static final int HEADER = 5;

    /** How records of one schema are written to one topic: the registry id, and the plan (null: the general way). */
    private record Target(String topic, Schema schema, int id, FlatRecordWriter writer) {
    }

    private record TopicSchema(String topic, Schema schema) {
    }

    private final SchemaRegistry registry;
    private final AvroSerializer<SpecificRecord> general;
    private final Map<TopicSchema, Target> targets = new ConcurrentHashMap<>();
    private volatile Target last;

    FlatRecordSerializer(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.general = new AvroSerializer<>(registry);
    }

    /**
     * @return the framed record, or null for a null record
     * @throws SerializationException when the schema cannot be registered or the record not encoded
     */
    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        Schema schema = data.getSchema();
        Target target = target(topic, schema);
        if (target.writer == null) {
            return general.serialize(topic, data);
        }
        FlatRecordWriter.Output out = OUTPUTS.get();
        out.reset(HEADER);
        try {
            target.writer.write(data, out);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        byte[] buffer = out.buffer();
        int id = target.id;
        buffer[0] = 0; // magic byte
        buffer[1] = (byte) (id >>> 24);
        buffer[2] = (byte) (id >>> 16);
        buffer[3] = (byte) (id >>> 8);
        buffer[4] = (byte) id;
        return out.toArray();
    }

    private Target target(String topic, Schema schema) {
        Target cached = last;
        if (cached != null && cached.schema == schema && cached.topic.equals(topic)) {
            return cached;
        }
        Target target = targets.computeIfAbsent(new TopicSchema(topic, schema), k -> newTarget(topic, schema));
        last = target;
        return target;
    }

    private Target newTarget(String topic, Schema schema) {
        FlatRecordWriter writer = FlatRecordWriter.of(schema);
        if (writer == null) {
            return new Target(topic, schema, -1, null);
        }
        String subject = general.subject(topic);
        try {
            return new Target(topic, schema, registry.register(subject, schema), writer);
        } catch (SchemaRegistryException | AvroRuntimeException e) {
            throw new SerializationException("Cannot register schema " + schema.getFullName() + " under subject "
                    + subject + ": " + e.getMessage(), e);
        }
    }
}
