package org.amiconnect.schemas.serde;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Schema Registry wire-format records into a generated Avro class.
 *
 * <p>The writer schema is looked up by the id in the record and resolved against the class's schema, so records
 * written with an older or newer compatible schema are read with the class's defaults filled in. Readers are cached
 * per writer schema id. Null or empty bytes become null. Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final WriterSchemaReaders<T> readers;

    public AvroDeserializer(SchemaRegistry registry, Class<T> type) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.readers = new WriterSchemaReaders<>(this::newReader);
    }

    /** The schema records are read into: the generated class's schema. */
    public Schema readerSchema() {
        return readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        return readers.read(topic, data, type.getName());
    }

    private DatumReader<T> newReader(int id, String topic) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot read a record from topic " + topic + " as " + type.getName()
                    + ": " + e.getMessage(), e);
        }
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " at " + i.getLocation())
                    .collect(Collectors.joining("; "));
            throw new SerializationException("Cannot read a record from topic " + topic + " as " + type.getName()
                    + ": its writer schema " + writer.getFullName() + " (id " + id + ") is not compatible: " + problems);
        }
        return new SpecificDatumReader<>(writer, readerSchema, model);
    }

    /** Writer schema readers by id, shared by the specific and generic deserializers. */
    static final class WriterSchemaReaders<R> {

        interface Factory<R> {
            DatumReader<R> create(int id, String topic);
        }

        private record LastReader<R>(int id, DatumReader<R> reader) {
        }

        private final Factory<R> factory;
        private final Map<Integer, DatumReader<R>> byId = new ConcurrentHashMap<>();
        private volatile LastReader<R> last;

        WriterSchemaReaders(Factory<R> factory) {
            this.factory = factory;
        }

        R read(String topic, byte[] data, String target) {
            int id;
            try {
                id = WireFormat.schemaId(data);
            } catch (SerializationException e) {
                throw new SerializationException("Cannot read a record from topic " + topic + " as " + target + ": "
                        + e.getMessage(), e);
            }
            DatumReader<R> reader = reader(id, topic);
            try {
                return reader.read(null, AvroDecoders.decoder(data));
            } catch (Exception e) {
                throw new SerializationException("Cannot decode a record of " + data.length + " bytes from topic "
                        + topic + " written with schema id " + id + " as " + target + ": " + e, e);
            }
        }

        private DatumReader<R> reader(int id, String topic) {
            LastReader<R> cached = last;
            if (cached != null && cached.id() == id) {
                return cached.reader();
            }
            DatumReader<R> reader = byId.get(id);
            if (reader == null) {
                reader = factory.create(id, topic);
                DatumReader<R> raced = byId.putIfAbsent(id, reader);
                if (raced != null) {
                    reader = raced;
                }
            }
            last = new LastReader<>(id, reader);
            return reader;
        }
    }
}
