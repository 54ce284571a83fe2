package org.amiconnect.schemas.registry;

import static org.amiconnect.schemas.registry.ConfluentRest.CONTENT_TYPE;
import static org.amiconnect.schemas.registry.ConfluentRest.INVALID_SCHEMA;
import static org.amiconnect.schemas.registry.ConfluentRest.JSON;
import static org.amiconnect.schemas.registry.ConfluentRest.SCHEMA_NOT_FOUND;
import static org.amiconnect.schemas.registry.ConfluentRest.SUBJECT_NOT_FOUND;
import static org.amiconnect.schemas.registry.ConfluentRest.VERSION_NOT_FOUND;
import static org.amiconnect.schemas.registry.ConfluentRest.encodeSegment;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for a schema registry that speaks the Confluent REST API (Confluent, Karapace, Apicurio's ccompat API,
 * Redpanda, or {@link SchemaRegistryServer}).
 *
 * <p>Schemas by id, ids by (subject, schema) and numbered versions never change once registered, so they are cached;
 * {@link #latest}, {@link #subjects} and {@link #versions} always ask the server. Connection failures and 5xx answers
 * are retried with exponential backoff. The password is only ever put into the Authorization header: it is not kept
 * in any other form and never appears in messages or {@link #toString()}.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final int MAX_ERROR_BODY_CHARS = 300;

    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistry.class);

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record SubjectVersion(String subject, int version) {
    }

    private final String baseUrl;
    private final String username;
    private final String authorization;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectVersion, RegisteredSchema> versionsCache = new ConcurrentHashMap<>();

    /** Without authentication, or with credentials given in the URL as {@code http://user:password@host:port}. */
    public HttpSchemaRegistry(String url) {
        this(url, null, null);
    }

    /**
     * @param username for HTTP Basic authentication, null for none (then credentials in the URL are used, if any)
     * @param password for HTTP Basic authentication
     */
    public HttpSchemaRegistry(String url, String username, String password) {
        this(url, username, password, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES);
    }

    public HttpSchemaRegistry(String url, String username, String password, Duration connectTimeout,
            Duration requestTimeout, int maxRetries) {
        Objects.requireNonNull(url, "url");
        URI uri = parseUrl(url);
        String user = username;
        String pass = password;
        if (user == null && uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        this.baseUrl = withoutUserInfo(uri);
        this.username = user;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (pass == null ? "" : pass)).getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The registry's base URL, without credentials. */
    public String url() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String body = toJson(Map.of("schema", schema.toString()));
        JsonNode response;
        try {
            response = call("POST", "/subjects/" + encodeSegment(subject) + "/versions", body);
        } catch (SchemaRegistryHttpException e) {
            if (e.errorCode() == INVALID_SCHEMA || e.status() == 422) {
                throw new InvalidSchemaException("The schema registry at " + baseUrl + " rejected schema "
                        + schema.getFullName() + " for subject '" + subject + "': " + e.getMessage(), e);
            }
            throw e;
        }
        int id = requiredInt(response, "id", "POST /subjects/" + subject + "/versions");
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        log.debug("Registered schema {} under subject {} with id {} at {}", schema.getFullName(), subject, id, baseUrl);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        JsonNode response;
        try {
            response = call("GET", path, null);
        } catch (SchemaRegistryHttpException e) {
            if (e.status() == 404) {
                throw new UnknownSchemaException(id, describe());
            }
            throw e;
        }
        Schema schema = schemaOf(response, "GET " + path);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            return Optional.of(fetchVersion(subject, "latest"));
        } catch (UnknownSubjectException | UnknownVersionException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> subjects() {
        JsonNode response = call("GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        requireArray(response, "GET /subjects").forEach(node -> subjects.add(node.asText()));
        subjects.sort(null);
        return List.copyOf(subjects);
    }

    @Override
    public List<Integer> versions(String subject) {
        Objects.requireNonNull(subject, "subject");
        String path = "/subjects/" + encodeSegment(subject) + "/versions";
        JsonNode response;
        try {
            response = call("GET", path, null);
        } catch (SchemaRegistryHttpException e) {
            throw translateSubjectError(e, subject, -1);
        }
        List<Integer> versions = new ArrayList<>();
        requireArray(response, "GET " + path).forEach(node -> versions.add(node.asInt()));
        versions.sort(null);
        return List.copyOf(versions);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        Objects.requireNonNull(subject, "subject");
        SubjectVersion key = new SubjectVersion(subject, version);
        RegisteredSchema cached = versionsCache.get(key);
        if (cached != null) {
            return cached;
        }
        if (version < 1) {
            throw new UnknownVersionException(subject, version, describe());
        }
        RegisteredSchema fetched = fetchVersion(subject, String.valueOf(version));
        versionsCache.putIfAbsent(key, fetched);
        return fetched;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() on Java 17; its threads end once it is unreachable
        schemasById.clear();
        idsBySubjectSchema.clear();
        versionsCache.clear();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistry[" + baseUrl + (username == null ? "" : ", user=" + username) + "]";
    }

    private RegisteredSchema fetchVersion(String subject, String version) {
        String path = "/subjects/" + encodeSegment(subject) + "/versions/" + version;
        JsonNode response;
        try {
            response = call("GET", path, null);
        } catch (SchemaRegistryHttpException e) {
            throw translateSubjectError(e, subject, "latest".equals(version) ? -1 : Integer.parseInt(version));
        }
        String what = "GET " + path;
        int id = requiredInt(response, "id", what);
        Schema schema = schemaOf(response, what);
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(response.path("subject").asText(subject), requiredInt(response, "version", what),
                id, schema);
    }

    private RuntimeException translateSubjectError(SchemaRegistryHttpException e, String subject, int version) {
        if (e.errorCode() == SUBJECT_NOT_FOUND) {
            return new UnknownSubjectException(subject, describe());
        }
        if (e.errorCode() == VERSION_NOT_FOUND) {
            return new UnknownVersionException(subject, version, describe());
        }
        if (e.status() == 404 && e.errorCode() != SCHEMA_NOT_FOUND) {
            return new UnknownSubjectException(subject, describe());
        }
        return e;
    }

    /** Sends one request, retrying connection failures and 5xx answers; returns the parsed JSON body. */
    private JsonNode call(String method, String path, String body) {
        HttpRequest request = request(method, path, body);
        String what = method + " " + path;
        Duration backoff = FIRST_BACKOFF;
        String lastFailure = null;
        Exception lastCause = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                log.warn("Schema registry {}: {} failed ({}); retry {} of {} in {} ms", baseUrl, what, lastFailure,
                        attempt, maxRetries, backoff.toMillis());
                sleep(backoff, what);
                backoff = backoff.multipliedBy(2);
            }
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException e) {
                lastFailure = "connect timed out";
                lastCause = e;
                continue;
            } catch (HttpTimeoutException e) {
                throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what
                        + " got no answer within " + requestTimeout.toMillis() + " ms", e);
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastCause = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted during " + what + " at schema registry " + baseUrl, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), what);
            }
            SchemaRegistryHttpException error = httpError(what, status, response.body());
            if (status < 500) {
                throw error;
            }
            lastFailure = "HTTP " + status + ", error_code " + error.errorCode();
            lastCause = error;
        }
        throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what + " failed after "
                + (maxRetries + 1) + " attempts; last failure: " + lastFailure, lastCause);
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private SchemaRegistryHttpException httpError(String what, int status, String body) {
        int errorCode = status;
        String message = null;
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            if (json != null && json.isObject()) {
                errorCode = json.path("error_code").asInt(status);
                message = json.path("message").asText(null);
            }
        } catch (JsonProcessingException e) {
            // not Confluent's error shape: report the raw body below
        }
        if (message == null) {
            message = body == null || body.isBlank() ? "(empty body)" : truncate(body.strip());
        }
        String hint = status == 401 || status == 403 ? " (check the schema registry username and password)" : "";
        String detail = "HTTP " + status + ", error_code " + errorCode + ": " + message + hint;
        return new SchemaRegistryHttpException("Schema registry " + baseUrl + ": " + what + " failed with " + detail,
                status, errorCode);
    }

    private JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what
                    + " answered with invalid JSON: " + truncate(body), e);
        }
    }

    private Schema schemaOf(JsonNode response, String what) {
        String type = response.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what + " returned a " + type
                    + " schema; only Avro schemas are supported");
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what
                    + " answered without a \"schema\" field");
        }
        return ConfluentRest.parseSchema(text.asText(), "the answer of schema registry " + baseUrl + " to " + what);
    }

    private int requiredInt(JsonNode response, String field, String what) {
        JsonNode node = response == null ? null : response.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what + " answered without an integer \""
                    + field + "\" field");
        }
        return node.asInt();
    }

    private JsonNode requireArray(JsonNode response, String what) {
        if (response == null || !response.isArray()) {
            throw new SchemaRegistryException("Schema registry " + baseUrl + ": " + what + " did not answer with a JSON array");
        }
        return response;
    }

    private String describe() {
        return "the schema registry at " + baseUrl;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "...";
    }

    private static void sleep(Duration duration, String what) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry " + what, e);
        }
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid schema registry URL: " + redact(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Schema registry URL must look like http://host:port or https://host:port, got "
                    + redact(url));
        }
        return uri;
    }

    private static String withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return uri.getScheme().toLowerCase() + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
    }

    /** The URL with any user:password part replaced, for messages. */
    public static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(?<=://)[^/@]*@", "***@");
    }
}
