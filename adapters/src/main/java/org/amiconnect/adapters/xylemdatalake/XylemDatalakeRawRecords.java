package org.amiconnect.adapters.xylemdatalake;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One SQL Lab row (a JSON object keyed by column) → a raw Avro record of its table. Each declared column keeps the
 * vendor's value as text: a JSON string as it is, a number or boolean as its JSON text ({@code 1.5}, {@code true}),
 * JSON null or a missing column as null. Columns the record does not declare are kept in
 * {@code extract.extra_columns}, so a column the Data Lake adds is not lost.
 */
final class XylemDatalakeRawRecords {

    private XylemDatalakeRawRecords() {
    }

    /**
     * @param factory a new empty record of the table's Avro class
     * @param row the row as SQL Lab answered it
     * @param source names the query in the record's metadata, e.g. {@code xylem datalake hlsbo water_intervals ...}
     * @param position the row's 1-based position in its query's answer
     */
    static <T extends SpecificRecordBase> T record(Supplier<T> factory, ObjectNode row, String orgId, String runId,
            Instant extractedAt, String source, long position) {
        T record = factory.get();
        Schema schema = record.getSchema();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = it.next();
            Schema.Field field = schema.getField(cell.getKey());
            if (field == null || field.name().equals("extract")) {
                extra.put(cell.getKey(), text(cell.getValue()) == null ? "" : text(cell.getValue()));
            } else {
                record.put(field.pos(), text(cell.getValue()));
            }
        }
        record.put(schema.getField("extract").pos(), ExtractMetadata.newBuilder()
                .setOrgId(orgId)
                .setRunId(runId)
                .setExtractedAt(extractedAt)
                .setSource(source)
                .setSourceRecord(position)
                .setExtraColumns(extra.isEmpty() ? null : extra)
                .build());
        return record;
    }

    /** A cell as text: strings as they are, numbers and booleans as their JSON text, null as null. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
