package org.amiconnect.archiver.inspect;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.schemas.serde.WireFormat;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DecoderFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Archived records as one JSON object per line, for {@code amiconnect archive cat}: key and headers as text, the value
 * decoded with the writer schema the archive object carries (timestamps as ISO-8601, decimals as numbers). Bytes that
 * are not text, or a value that cannot be decoded, are shown in base64.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<Integer, Schema> schemas;
    private final Map<Integer, GenericDatumReader<Object>> readers = new HashMap<>();

    /** @param schemas the writer schemas of the object's values, by id */
    public RecordJson(Map<Integer, Schema> schemas) {
        this.schemas = schemas;
    }

    public String line(ArchivedRecord r) {
        ObjectNode o = NODES.objectNode();
        o.put("topic", r.topic());
        o.put("partition", r.partition());
        o.put("offset", r.offset());
        o.put("timestamp", r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp()).toString());
        o.put("timestampType", r.timestampType().name());
        putBytes(o, "key", r.key());
        ObjectNode headers = o.putObject("headers");
        for (ArchivedRecord.Header h : r.headers()) {
            putBytes(headers, h.key(), h.value());
        }
        putValue(o, r.value());
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render record " + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + " as JSON: " + e.getMessage(), e);
        }
    }

    private void putValue(ObjectNode o, byte[] value) {
        if (value == null) {
            o.putNull("value");
            return;
        }
        if (value.length < WireFormat.BODY_OFFSET || value[0] != WireFormat.MAGIC_BYTE) {
            o.put("valueBase64", Base64.getEncoder().encodeToString(value));
            return;
        }
        int id = WireFormat.schemaId(value);
        o.put("schemaId", id);
        Schema schema = schemas.get(id);
        if (schema == null) {
            o.put("valueError", "the archive object does not carry the writer schema of id " + id);
            o.put("valueBase64", Base64.getEncoder().encodeToString(value));
            return;
        }
        try {
            GenericDatumReader<Object> reader = readers.computeIfAbsent(id, i -> new GenericDatumReader<>(schema));
            Object datum = reader.read(null, DecoderFactory.get().binaryDecoder(value, WireFormat.BODY_OFFSET,
                    value.length - WireFormat.BODY_OFFSET, null));
            o.set("value", json(schema, datum));
        } catch (IOException | RuntimeException e) {
            o.put("valueError", "cannot decode with schema id " + id + ": " + e);
            o.put("valueBase64", Base64.getEncoder().encodeToString(value));
        }
    }

    private static void putBytes(ObjectNode o, String field, byte[] bytes) {
        if (bytes == null) {
            o.putNull(field);
            return;
        }
        String text = utf8(bytes);
        if (text != null) {
            o.put(field, text);
        } else {
            o.put(field + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static JsonNode json(Schema schema, Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION:
                return json(schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
            case RECORD: {
                ObjectNode o = NODES.objectNode();
                IndexedRecord r = (IndexedRecord) datum;
                for (Schema.Field f : schema.getFields()) {
                    o.set(f.name(), json(f.schema(), r.get(f.pos())));
                }
                return o;
            }
            case ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (Object item : (List<?>) datum) {
                    a.add(json(schema.getElementType(), item));
                }
                return a;
            }
            case MAP: {
                ObjectNode o = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> o.set(k.toString(), json(schema.getValueType(), v)));
                return o;
            }
            case STRING:
            case ENUM:
                return NODES.textNode(datum.toString());
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return NODES.textNode(LocalDate.ofEpochDay((Integer) datum).toString());
                }
                return NODES.numberNode((Integer) datum);
            case LONG:
                long n = (Long) datum;
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(Instant.ofEpochMilli(n).toString());
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1000L)
                            .toString());
                }
                return NODES.numberNode(n);
            case FLOAT:
                return NODES.numberNode((Float) datum);
            case DOUBLE:
                return NODES.numberNode((Double) datum);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case BYTES: {
                ByteBuffer b = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                if (logical instanceof LogicalTypes.Decimal d) {
                    return NODES.numberNode(new BigDecimal(new BigInteger(bytes), d.getScale()));
                }
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED:
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            default:
                return NODES.nullNode();
        }
    }
}
