package org.amiconnect.schemas.registry;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * What the HTTP client ({@link HttpSchemaRegistry}) and the embedded registry's REST server share of the Confluent
 * Schema Registry REST API: the media type, the JSON mapper, Confluent's error codes and path-segment encoding.
 */
public final class ConfluentRest {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    public static final ObjectMapper JSON = new ObjectMapper();

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int BACKEND_ERROR = 50001;

    private ConfluentRest() {
    }

    /** Encodes one path segment, e.g. a subject that contains '/' or spaces. */
    public static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Decodes one raw path segment; a literal '+' in a path is a plus, not a space. */
    public static String decodeSegment(String rawSegment) {
        return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Parses an Avro schema received over REST.
     *
     * @param what where the text came from, for the message
     * @throws InvalidSchemaException when the text is empty or not a valid Avro schema
     */
    public static Schema parseSchema(String text, String what) {
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
