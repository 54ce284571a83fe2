package org.amiconnect.archiver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.UnknownSchemaException;
import org.amiconnect.schemas.serde.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer schemas of archived values, looked up in the registry by the id in their wire-format header and kept, so
 * that each schema is asked for once.
 */
final class WriterSchemas {

    private static final Logger log = LoggerFactory.getLogger(WriterSchemas.class);

    /** A value's schema id and the schema's JSON (null when the registry does not know the id). */
    record WriterSchema(int id, String json) {
    }

    private final SchemaRegistry registry;
    /** By id, including ids the registry does not know (their JSON is null): one object per id, not per record. */
    private final Map<Integer, WriterSchema> known = new ConcurrentHashMap<>();

    WriterSchemas(SchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * The writer schema of a value, or null when the value is not in the Schema Registry wire format (a tombstone or
     * foreign bytes, archived as they are).
     *
     * @throws org.amiconnect.schemas.registry.SchemaRegistryException when the registry cannot be asked; the caller
     *     retries rather than archive an object without the schema
     */
    WriterSchema of(String topic, byte[] value) {
        if (value == null || value.length < WireFormat.BODY_OFFSET || value[0] != WireFormat.MAGIC_BYTE) {
            return null;
        }
        int id = WireFormat.schemaId(value);
        WriterSchema schema = known.get(id);
        if (schema != null) {
            return schema;
        }
        try {
            schema = new WriterSchema(id, registry.schemaById(id).toString());
            known.put(id, schema);
            return schema;
        } catch (UnknownSchemaException e) {
            schema = new WriterSchema(id, null);
            known.put(id, schema);
            log.warn("Schema id {} of a record in {} is not in the schema registry; its records are archived without "
                    + "their writer schema: {}", id, topic, e.getMessage());
            return schema;
        }
    }
}
