package org.amiconnect.transformer;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The raw record of the synthetic join-heavy vendor: one shape for its four entities (meter, account, register,
 * interval), told apart by {@code kind}. Written by hand so the test needs no code generation.
 */
public final class SyntheticRaw extends SpecificRecordBase {

    public static final Schema SCHEMA$ = SchemaBuilder.record("SyntheticRaw").namespace("org.amiconnect.transformer")
            .fields()
            .name("extract").type(ExtractMetadata.getClassSchema()).noDefault()
            .requiredString("kind")
            .requiredString("device_id")
            .optionalString("account_id")
            .optionalString("location_id")
            .optionalString("meter_size")
            .optionalString("valid_from")
            .optionalString("flowtime")
            .optionalString("value")
            .optionalString("unit")
            .endRecord();

    private final Object[] values = new Object[SCHEMA$.getFields().size()];

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return values[field];
    }

    @Override
    public void put(int field, Object value) {
        values[field] = value;
    }

    String text(String field) {
        Object v = get(SCHEMA$.getField(field).pos());
        return v == null ? null : v.toString();
    }

    SyntheticRaw with(String field, String value) {
        put(SCHEMA$.getField(field).pos(), value);
        return this;
    }

    ExtractMetadata extract() {
        return (ExtractMetadata) get(0);
    }
}
