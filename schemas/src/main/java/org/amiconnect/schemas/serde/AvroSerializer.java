package org.amiconnect.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Schema Registry wire format.
 *
 * <p>The record's schema is registered under {@code <topic>-value} (or {@code <topic>-key} for a key serializer) the
 * first time it is seen for a topic; the id is cached. A null record becomes null bytes (a tombstone).
 *
 * <p>Generated records whose fields are all nested such records or strings, ints, longs (timestamps included),
 * doubles, arrays of strings or maps of strings or ints, the latter each required or in a union with null (the raw
 * records except Xylem Sensus's, and the standard model's meters and reads), are written by a
 * {@link DirectRecordEncoder}; the others, and any record holding a value that encoder does not write, by Avro's
 * {@code SpecificDatumWriter}. Both give the same bytes, and errors are Avro's.
 *
 * <p>Thread-safe: Kafka Streams may call one instance from several threads. Each thread reuses its own buffer and
 * encoder, so the steady state allocates only the returned array.
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private static final ThreadLocal<ReusableOutput> OUTPUTS = ThreadLocal.withInitial(ReusableOutput::new);
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    private record TopicSchema(String topic, Schema schema) {
    }

    /** The last id looked up, so the common case (one topic, one schema) needs no map lookup. */
    private record LastId(String topic, Schema schema, int id) {
    }

    /** A schema's direct encoder, or null when it has none. */
    private record Direct(Schema schema, DirectRecordEncoder encoder) {
    }

    private final SchemaRegistry registry;
    private final boolean forKeys;
    private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, Direct> directEncoders = new ConcurrentHashMap<>();
    private volatile LastId last;
    /** The last schema's direct encoder, so that a run of one record type needs no map lookup. */
    private volatile Direct lastDirect;

    /** A serializer for record values. */
    public AvroSerializer(SchemaRegistry registry) {
        this(registry, false);
    }

    /** @param forKeys true to register under {@code <topic>-key} instead of {@code <topic>-value} */
    public AvroSerializer(SchemaRegistry registry, boolean forKeys) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.forKeys = forKeys;
    }

    /** The subject a record's schema is registered under for {@code topic}. */
    public String subject(String topic) {
        return topic + (forKeys ? "-key" : "-value");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = data.getSchema();
        int id = schemaId(topic, schema);
        ReusableOutput out = OUTPUTS.get();
        if (data instanceof SpecificRecordBase) {
            DirectRecordEncoder direct = directEncoder(schema);
            if (direct != null) {
                out.startRecord();
                if (direct.encode(data, out)) {
                    return out.finishRecord(id);
                }
                // a value the direct encoder does not write: Avro's writer encodes it, or fails with its own error
            }
        }
        DatumWriter<Object> writer = writerFor(data, schema);
        out.startRecord();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.finishRecord(id);
    }

    private int schemaId(String topic, Schema schema) {
        LastId cached = last;
        if (cached != null && cached.schema() == schema && cached.topic().equals(topic)) {
            return cached.id();
        }
        TopicSchema key = new TopicSchema(topic, schema);
        Integer id = ids.get(key);
        if (id == null) {
            String subject = subject(topic);
            try {
                id = registry.register(subject, schema);
            } catch (SchemaRegistryException | AvroRuntimeException e) {
                throw new SerializationException("Cannot register schema " + schema.getFullName() + " under subject "
                        + subject + ": " + e.getMessage(), e);
            }
            ids.put(key, id);
        }
        last = new LastId(topic, schema, id);
        return id;
    }

    /** The direct encoder of generated records of {@code schema}, null when its fields need Avro's writer. */
    private DirectRecordEncoder directEncoder(Schema schema) {
        Direct cached = lastDirect;
        if (cached != null && cached.schema() == schema) {
            return cached.encoder();
        }
        Direct direct = directEncoders.computeIfAbsent(schema, s -> new Direct(s, DirectRecordEncoder.of(s)));
        lastDirect = direct;
        return direct.encoder();
    }

    private DatumWriter<Object> writerFor(IndexedRecord data, Schema schema) {
        if (data instanceof SpecificRecord) {
            DatumWriter<Object> writer = specificWriters.get(schema);
            if (writer == null) {
                SpecificData model = data instanceof SpecificRecordBase base ? base.getSpecificData()
                        : SpecificData.getForSchema(schema);
                writer = UnionBranchWriters.specific(schema, model);
                specificWriters.putIfAbsent(schema, writer);
            }
            return writer;
        }
        DatumWriter<Object> writer = genericWriters.get(schema);
        if (writer == null) {
            writer = UnionBranchWriters.generic(schema, GenericData.get());
            genericWriters.putIfAbsent(schema, writer);
        }
        return writer;
    }
}
