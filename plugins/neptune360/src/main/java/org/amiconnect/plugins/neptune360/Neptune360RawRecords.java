package org.amiconnect.plugins.neptune360;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.plugins.neptune360.raw.Neptune360Endpoint;
import org.amiconnect.plugins.neptune360.raw.Neptune360Read;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Items of the Neptune 360 listings → raw Avro records. Each item's fields are kept as the API names them, as text: a
 * string as it is, a number as written (no exponent), a boolean as {@code true}/{@code false}, a JSON null as null. A
 * field the raw record does not declare (the API added or renamed one) is kept in {@code extract.extra_columns}, an
 * object or array there as its JSON text, so nothing the vendor sent is dropped.
 */
public final class Neptune360RawRecords {

    private static final String EXTRACT = "extract";

    private Neptune360RawRecords() {
    }

    /** Where a listing item came from: the run, the request that returned it and its position in the listing. */
    public record Origin(String orgId, String runId, Instant extractedAt, String request, long position) {
    }

    /** One item of the endpoint listing; {@code item} must be a JSON object. */
    public static Neptune360Endpoint endpoint(JsonNode item, Origin origin) {
        return fill(new Neptune360Endpoint(), item, origin);
    }

    /** One item of the read listing; {@code item} must be a JSON object. */
    public static Neptune360Read read(JsonNode item, Origin origin) {
        return fill(new Neptune360Read(), item, origin);
    }

    private static <T extends SpecificRecordBase> T fill(T record, JsonNode item, Origin origin) {
        if (!item.isObject()) {
            throw new IllegalArgumentException(origin.request() + " item " + origin.position() + " is not a JSON object: "
                    + item);
        }
        Schema schema = record.getSchema();
        Map<String, String> extra = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Schema.Field declared = schema.getField(field.getKey());
            if (declared == null || declared.name().equals(EXTRACT)) {
                String text = text(field.getValue());
                if (text != null) {
                    extra.put(field.getKey(), text);
                }
            } else {
                record.put(declared.pos(), text(field.getValue()));
            }
        }
        ExtractMetadata extract = ExtractMetadata.newBuilder()
                .setOrgId(origin.orgId())
                .setRunId(origin.runId())
                .setExtractedAt(origin.extractedAt())
                .setSource(origin.request())
                .setSourceRecord(origin.position())
                .setExtraColumns(extra.isEmpty() ? null : extra)
                .build();
        record.put(schema.getField(EXTRACT).pos(), extract);
        return record;
    }

    /** A JSON value as the text the raw record keeps; null for a JSON null. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        return value.toString();
    }
}
