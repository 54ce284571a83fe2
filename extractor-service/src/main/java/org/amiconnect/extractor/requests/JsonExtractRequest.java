package org.amiconnect.extractor.requests;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.amiconnect.schemas.control.ExtractRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A manual extract request written as JSON, so that Kafka's stock console producer (or any client without a schema
 * registry) can ask for one, as Debezium's signals are JSON on a topic. docs/extractor.md shows the format:
 *
 * <pre>{@code
 * {"org_id": "demo_beacon_utility", "start": "2026-11-01", "end": "2026-11-03", "reason": "re-pull"}
 * }</pre>
 *
 * <p>{@code org_id}, {@code start} and {@code end} are required; {@code start}/{@code end} are a day
 * ({@code YYYY-MM-DD}, midnight in the source's time zone, as {@code amiconnect extract --start}) or a UTC instant
 * ({@code 2026-11-01T08:00:00Z}); the range is {@code [start, end)}. Optional: {@code reason}, {@code requested_by},
 * {@code files} (vendor files to ingest, as {@code amiconnect extract --file}) and {@code request_id}. Without a
 * request id the record's position names the request ({@code json:<topic>-<partition>@<offset>}), so a re-delivered
 * record is recognised as answered. The record's key, when set, must be the org id (requests are keyed by org so that
 * one extractor owns each org).
 */
public final class JsonExtractRequest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("org_id", "start", "end", "reason", "requested_by", "files",
            "request_id");

    private JsonExtractRequest() {
    }

    /** Whether a record's value is JSON (its first non-blank byte is '{'); Avro values start with the magic byte 0. */
    public static boolean isJson(byte[] value) {
        if (value == null) {
            return false;
        }
        for (byte b : value) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    /**
     * Reads a JSON request.
     *
     * @param value the record's value (UTF-8 JSON)
     * @param key the record's key, or null
     * @param position where the record is, {@code <topic>-<partition>@<offset>}: the request id when the JSON has none
     * @param zones the time zone of a configured org (empty for an unknown org: its days are then read in UTC and the
     *     request is rejected later as of an unknown org)
     * @param now the request time
     * @return the request, as {@code amiconnect extract} would have published it
     * @throws IllegalArgumentException naming the field when the JSON is not a valid request
     */
    public static ExtractRequest parse(byte[] value, String key, String position,
            Function<String, Optional<ZoneId>> zones, Instant now) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("expected a JSON object like {\"org_id\": \"...\", \"start\": "
                    + "\"YYYY-MM-DD\", \"end\": \"YYYY-MM-DD\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
            String field = it.next().getKey();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; expected " + FIELDS.stream().sorted()
                        .toList());
            }
        }
        String org = text(tree, "org_id", true);
        if (key != null && !key.isBlank() && !key.equals(org)) {
            throw new IllegalArgumentException("the record's key '" + key + "' is not its org_id '" + org
                    + "'; key requests by org id (or leave the key empty)");
        }
        ZoneId zone = zones.apply(org).orElse(ZoneId.of("UTC"));
        Instant start = bound(tree, "start", zone);
        Instant end = bound(tree, "end", zone);
        List<String> files = new ArrayList<>();
        JsonNode fileNodes = tree.get("files");
        if (fileNodes != null && !fileNodes.isNull()) {
            if (!fileNodes.isArray()) {
                throw new IllegalArgumentException("files: expected an array of paths");
            }
            fileNodes.forEach(f -> files.add(f.asText()));
        }
        String id = text(tree, "request_id", false);
        return ExtractRequest.newBuilder(ExtractRequests.manual(org, start, end, text(tree, "reason", false),
                        text(tree, "requested_by", false), now))
                .setRequestId(id != null ? id : "json:" + position)
                .setFiles(files)
                .build();
    }

    private static String text(JsonNode tree, String field, boolean required) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(field + ": missing");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string, got " + n);
        }
        return n.asText();
    }

    private static Instant bound(JsonNode tree, String field, ZoneId zone) {
        String text = text(tree, field, true);
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant() : Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is neither a day (YYYY-MM-DD) nor a UTC "
                    + "instant (2026-11-01T08:00:00Z)");
        }
    }
}
