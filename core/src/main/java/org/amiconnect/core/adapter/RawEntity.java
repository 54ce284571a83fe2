package org.amiconnect.core.adapter;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

/**
 * One kind of raw vendor record: its Avro class, the raw topic it is published to
 * ({@code ami.raw.<vendor>.<name>}) and the raw "base" table it is kept in.
 *
 * @param vendor topic segment of the vendor, e.g. {@code beacon360}
 * @param name entity name, e.g. {@code meter-read}
 * @param recordClass the generated Avro class of the raw record
 * @param table raw base table name in the warehouse, e.g. {@code beacon_360_base}
 * @param derivedColumns extra table columns copied from a record field (column → field), e.g. device_id ← Endpoint_SN
 * @param uniqueBy columns (besides org_id) that identify a row of the raw table
 */
public record RawEntity(
        String vendor,
        String name,
        Class<? extends SpecificRecord> recordClass,
        String table,
        Map<String, String> derivedColumns,
        List<String> uniqueBy) {
}
