package org.amiconnect.schemas.serde;

import java.util.Objects;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Schema Registry wire-format records as {@link GenericRecord}s in their writer schema, without needing the
 * generated class: for inspecting and replaying archived records. Logical types are left as their underlying values
 * (timestamp-micros as a long), so a record read here can be written back unchanged. Thread-safe.
 */
public final class GenericAvroDeserializer implements Deserializer<GenericRecord> {

    private final SchemaRegistry registry;
    private final GenericData model;
    private final AvroDeserializer.WriterSchemaReaders<GenericRecord> readers;

    public GenericAvroDeserializer(SchemaRegistry registry) {
        this(registry, GenericData.get());
    }

    /** @param model the data model, e.g. one with logical-type conversions added */
    public GenericAvroDeserializer(SchemaRegistry registry, GenericData model) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.model = Objects.requireNonNull(model, "model");
        this.readers = new AvroDeserializer.WriterSchemaReaders<>(this::newReader);
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        return readers.read(topic, data, "a generic record");
    }

    private DatumReader<GenericRecord> newReader(int id, String topic) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot read a record from topic " + topic + ": " + e.getMessage(), e);
        }
        if (writer.getType() != Schema.Type.RECORD) {
            throw new SerializationException("Cannot read a record from topic " + topic + ": schema id " + id + " is a "
                    + writer.getType() + ", not a record");
        }
        return new GenericDatumReader<>(writer, writer, model);
    }
}
