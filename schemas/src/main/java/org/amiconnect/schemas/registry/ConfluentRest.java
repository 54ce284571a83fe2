package org.amiconnect.schemas.registry;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** What the HTTP client and the server share of the Confluent Schema Registry REST API. */
final class ConfluentRest {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;
    static final int INVALID_SCHEMA = 42201;
    static final int INVALID_VERSION = 42202;
    static final int BACKEND_ERROR = 50001;

    private ConfluentRest() {
    }

    /** Encodes one path segment, e.g. a subject that contains '/' or spaces. */
    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Decodes one raw path segment; a literal '+' in a path is a plus, not a space. */
    static String decodeSegment(String rawSegment) {
        return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Schema parseSchema(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchemaException("Empty schema in " + what);
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            throw new InvalidSchemaException("Invalid Avro schema in " + what + ": " + e.getMessage(), e);
        }
    }
}
