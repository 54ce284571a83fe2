package org.amiconnect.archiver.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.amiconnect.schemas.registry.SchemaIds;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.UnknownSchemaException;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes archived values readable through the target registry. A value keeps its wire-format bytes when the registry
 * knows its schema id with the same schema; otherwise the archived writer schema is registered under
 * {@code <target topic>-value} first, and if the registry gives it another id, the value's 4-byte id is rewritten.
 */
final class ValueSchemas {

    private static final Logger log = LoggerFactory.getLogger(ValueSchemas.class);

    private final SchemaRegistry registry;
    private final String subject;
    private final boolean register;
    private final Map<Integer, Integer> targetIds = new HashMap<>();
    private final Map<Integer, Integer> registered = new TreeMap<>();

    /** @param register false for a dry run: find what is missing, register nothing */
    ValueSchemas(SchemaRegistry registry, String targetTopic, boolean register) {
        this.registry = registry;
        this.subject = targetTopic + "-value";
        this.register = register;
    }

    /** The value to publish: the archived bytes, or a copy whose schema id is the target registry's. */
    byte[] value(byte[] value, Map<Integer, Schema> archived, String key) {
        if (value == null || value.length < WireFormat.BODY_OFFSET || value[0] != WireFormat.MAGIC_BYTE) {
            return value;
        }
        int id = WireFormat.schemaId(value);
        Integer target = targetIds.get(id);
        if (target == null) {
            target = resolve(id, archived.get(id), key);
            targetIds.put(id, target);
        }
        if (target == id) {
            return value;
        }
        byte[] copy = value.clone();
        copy[1] = (byte) (target >>> 24);
        copy[2] = (byte) (target >>> 16);
        copy[3] = (byte) (target >>> 8);
        copy[4] = (byte) (target.intValue());
        return copy;
    }

    /** Archived schema id → the id it was registered under (-1 in a dry run), for ids the registry lacked. */
    Map<Integer, Integer> registered() {
        return registered;
    }

    private int resolve(int id, Schema archived, String key) {
        if (archived == null) {
            log.warn("Archive object {} does not carry the writer schema of id {}; its values are published as they "
                    + "are", key, id);
            return id;
        }
        try {
            Schema known = registry.schemaById(id);
            if (SchemaIds.canonicalForm(known).equals(SchemaIds.canonicalForm(archived))) {
                return id;
            }
            log.warn("Schema id {} means another schema in the target registry; registering the archived one", id);
        } catch (UnknownSchemaException e) {
            log.info("Schema id {} is not in the target registry; {}", id, register
                    ? "registering the archived writer schema under " + subject : "a replay would register it");
        }
        if (!register) {
            registered.put(id, -1);
            return id;
        }
        int newId = registry.register(subject, archived);
        registered.put(id, newId);
        return newId;
    }
}
