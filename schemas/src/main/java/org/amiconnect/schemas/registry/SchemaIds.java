package org.amiconnect.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Deterministic schema ids: the same schema gets the same id in every process, without coordination.
 *
 * <p>The id is the CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form (the form that keeps only what
 * affects the binary encoding: names, types, field order, symbols, sizes), folded to 32 bits and masked to a positive
 * int; 0 is mapped to 1 because some tools treat id 0 as "none". Docs, defaults, aliases, logical types and custom
 * properties do not change the id.
 *
 * <p>These ids are written in front of every record, so this function must never change: a different function would
 * make every stored record unreadable.
 */
public final class SchemaIds {

    private SchemaIds() {
    }

    /** The fingerprint id of {@code schema}: positive and non-zero. */
    public static int fingerprintId(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        int id = (int) (fingerprint ^ (fingerprint >>> 32)) & Integer.MAX_VALUE;
        return id == 0 ? 1 : id;
    }

    /** The Parsing Canonical Form: two schemas with equal forms encode every datum identically. */
    public static String canonicalForm(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }
}
