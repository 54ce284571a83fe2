package org.amiconnect.embedded.registry;

import static org.amiconnect.schemas.registry.ConfluentRest.BACKEND_ERROR;
import static org.amiconnect.schemas.registry.ConfluentRest.CONTENT_TYPE;
import static org.amiconnect.schemas.registry.ConfluentRest.INVALID_SCHEMA;
import static org.amiconnect.schemas.registry.ConfluentRest.INVALID_VERSION;
import static org.amiconnect.schemas.registry.ConfluentRest.JSON;
import static org.amiconnect.schemas.registry.ConfluentRest.SCHEMA_NOT_FOUND;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.amiconnect.schemas.registry.ConfluentErrorException;
import org.amiconnect.schemas.registry.ConfluentRest;
import org.amiconnect.schemas.registry.HttpSchemaRegistry;
import org.amiconnect.schemas.registry.SchemaIds;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry.RegisteredSchema;
import org.amiconnect.schemas.registry.SchemaRegistryHttpException;
import org.amiconnect.schemas.registry.UnknownSubjectException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves any {@link SchemaRegistry} over the Confluent REST API subset, so services in other processes (and other
 * tools) can use the embedded registry through {@link HttpSchemaRegistry}.
 *
 * <p>Endpoints: {@code GET /subjects}, {@code GET /subjects/{s}/versions}, {@code GET /subjects/{s}/versions/{v|latest}}
 * (and {@code .../schema} for the bare schema), {@code POST /subjects/{s}/versions} (register), {@code POST
 * /subjects/{s}} (is this schema registered under the subject?), {@code GET /schemas/ids/{id}} (and {@code .../schema}),
 * {@code GET /config}; and what registry UIs and tooling call: {@code GET /subjects?subjectPrefix=p},
 * {@code GET /schemas/types}, {@code GET /mode} (and {@code /mode/{s}}: READWRITE), {@code GET /config/{s}},
 * {@code GET /schemas/ids/{id}/versions}, {@code GET /schemas/ids/{id}/subjects}, {@code DELETE /subjects/{s}} (a soft
 * delete: the schemas stay readable by id). Errors use Confluent's {@code {"error_code":..,"message":..}} shape: 404
 * with 40401 (subject), 40402 (version), 40403 (schema); 409 with 409 (incompatible schema); 422 with 42201 (invalid
 * schema), 42202 (invalid version); 401 when Basic authentication is configured and missing or wrong.
 *
 * <p>A new version of a subject is checked against the earlier ones at the server's {@link CompatibilityLevel}
 * (BACKWARD unless started with another), with Avro's own {@code SchemaCompatibility}, as Confluent's registry does;
 * one level for every subject. The server does not own the backing registry: closing the server leaves it open.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int THREADS = 4;
    private static final AtomicInteger SERVER_COUNT = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaRegistry backing;
    private final byte[] expectedAuthorization;
    private final CompatibilityLevel compatibility;
    private final URI uri;

    private SchemaRegistryServer(HttpServer server, ExecutorService executor, SchemaRegistry backing,
            byte[] expectedAuthorization, CompatibilityLevel compatibility) {
        this.compatibility = compatibility;
        this.server = server;
        this.executor = executor;
        this.backing = backing;
        this.expectedAuthorization = expectedAuthorization;
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /** Starts a server without authentication. {@code port} 0 picks a free port. */
    public static SchemaRegistryServer start(SchemaRegistry backing, String host, int port) {
        return start(backing, host, port, null, null);
    }

    /**
     * Starts a server that requires HTTP Basic authentication with the given credentials ({@code username} null: no
     * authentication). {@code port} 0 picks a free port.
     */
    public static SchemaRegistryServer start(SchemaRegistry backing, String host, int port, String username,
            String password) {
        return start(backing, host, port, username, password, CompatibilityLevel.BACKWARD);
    }

    /**
     * Starts a server that checks new versions at {@code compatibility}, with HTTP Basic authentication when
     * {@code username} is not null. {@code port} 0 picks a free port.
     */
    public static SchemaRegistryServer start(SchemaRegistry backing, String host, int port, String username,
            String password, CompatibilityLevel compatibility) {
        Objects.requireNonNull(backing, "backing");
        Objects.requireNonNull(compatibility, "compatibility");
        Objects.requireNonNull(host, "host");
        byte[] expected = username == null ? null : ("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        ExecutorService executor = null;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
            HttpServer http = HttpServer.create(address, 0);
            int serverNumber = SERVER_COUNT.incrementAndGet();
            AtomicInteger threadCount = new AtomicInteger();
            executor = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "schema-registry-http-" + serverNumber + "-" + threadCount.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            SchemaRegistryServer server = new SchemaRegistryServer(http, executor, backing, expected, compatibility);
            http.createContext("/", server::handle);
            http.start();
            if (expected == null && !address.getAddress().isLoopbackAddress()) {
                log.warn("Schema registry server listens on non-loopback address {} without authentication", host);
            }
            log.info("Schema registry server listening on {} (backed by {}, basic auth {})", server.uri, backing,
                    expected == null ? "off" : "on");
            return server;
        } catch (IOException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            throw new UncheckedIOException("Cannot start the schema registry server on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return uri;
    }

    public int port() {
        return uri.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Schema registry server on {} stopped", uri);
    }

    @Override
    public String toString() {
        return "SchemaRegistryServer[" + uri + "]";
    }

    /** An answer: status and JSON body. */
    private record Response(int status, Object body) {
    }

    /** A request that cannot be served, answered in Confluent's error shape. */
    private static final class RestError extends ConfluentErrorException {
        private static final long serialVersionUID = 1L;

        RestError(int status, int errorCode, String message) {
            super(message, status, errorCode, null);
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Response response;
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema-registry\"");
                response = error(401, 401, "Unauthorized");
            } else {
                response = answer(method, path, exchange);
            }
            send(exchange, response);
        } catch (IOException e) {
            log.debug("Schema registry server could not answer {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e.toString());
        } finally {
            exchange.close();
        }
    }

    private Response answer(String method, String path, HttpExchange exchange) throws IOException {
        try {
            return route(method, segments(path), exchange);
        } catch (SchemaRegistryHttpException e) {
            // a remote backing registry's own error answer is a backend failure here, not a refusal of this request
            return backendError(method, path, e);
        } catch (ConfluentErrorException e) {
            return error(e.status(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            return backendError(method, path, e);
        }
    }

    private Response backendError(String method, String path, RuntimeException e) {
        log.error("Schema registry server failed on {} {}", method, path, e);
        return error(500, BACKEND_ERROR, "Error in the backing schema registry: " + e.getMessage());
    }

    private Response route(String method, List<String> s, HttpExchange exchange) throws IOException {
        int n = s.size();
        if (n == 0) {
            requireMethod(method, "GET");
            return ok(Map.of());
        }
        if (s.get(0).equals("config") && n <= 2) {
            requireMethod(method, "GET");
            // one level for every subject
            return ok(Map.of("compatibilityLevel", compatibility.name()));
        }
        if (s.get(0).equals("mode") && n <= 2) {
            requireMethod(method, "GET");
            return ok(Map.of("mode", "READWRITE"));
        }
        if (s.get(0).equals("schemas") && n == 2 && s.get(1).equals("types")) {
            requireMethod(method, "GET");
            return ok(List.of("AVRO"));
        }
        if (s.get(0).equals("schemas") && n >= 3 && n <= 4 && s.get(1).equals("ids")) {
            requireMethod(method, "GET");
            int id = parseId(s.get(2));
            Schema schema = backing.schemaById(id);
            if (n == 3) {
                return ok(Map.of("schema", schema.toString()));
            }
            return switch (s.get(3)) {
                case "schema" -> ok(JSON.readTree(schema.toString()));
                case "versions" -> ok(usesOf(id).stream().map(SchemaRegistryServer::subjectVersion).toList());
                case "subjects" -> ok(usesOf(id).stream().map(RegisteredSchema::subject).distinct().toList());
                default -> throw notFound();
            };
        }
        if (!s.get(0).equals("subjects")) {
            throw notFound();
        }
        if (n == 1) {
            requireMethod(method, "GET");
            String prefix = queryParameter(exchange, "subjectPrefix");
            return ok(backing.subjects().stream().filter(x -> prefix == null || x.startsWith(prefix)).toList());
        }
        String subject = s.get(1);
        if (n == 2) {
            if (method.equals("DELETE")) {
                return ok(backing.deleteSubject(subject));
            }
            requireMethod(method, "POST");
            return ok(lookup(subject, schemaFromBody(exchange, subject)));
        }
        if (!s.get(2).equals("versions") || n > 5 || n == 5 && !s.get(4).equals("schema")) {
            throw notFound();
        }
        if (n == 3) {
            if (method.equals("POST")) {
                Schema schema = schemaFromBody(exchange, subject);
                checkCompatible(subject, schema);
                int id = backing.register(subject, schema);
                return ok(Map.of("id", id));
            }
            requireMethod(method, "GET");
            return ok(backing.versions(subject));
        }
        requireMethod(method, "GET");
        RegisteredSchema registered = version(subject, s.get(3));
        return n == 5 ? ok(JSON.readTree(registered.schema().toString())) : ok(describe(registered));
    }

    private RegisteredSchema version(String subject, String version) {
        if (version.equals("latest") || version.equals("-1")) {
            Optional<RegisteredSchema> latest = backing.latest(subject);
            if (latest.isEmpty()) {
                throw new UnknownSubjectException(subject, "this schema registry");
            }
            return latest.get();
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw new RestError(422, INVALID_VERSION, "The specified version '" + version
                    + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        return backing.version(subject, number);
    }

    /**
     * Refuses a schema that would be a new version of {@code subject} and is not compatible with the earlier ones at
     * the server's level (409, as Confluent's registry); a schema already registered under the subject passes.
     */
    private void checkCompatible(String subject, Schema schema) {
        if (compatibility == CompatibilityLevel.NONE || backing.latest(subject).isEmpty()) {
            return;
        }
        String canonical = SchemaIds.canonicalForm(schema);
        List<Schema> earlier = new ArrayList<>();
        for (int v : backing.versions(subject)) {
            Schema old = backing.version(subject, v).schema();
            if (SchemaIds.canonicalForm(old).equals(canonical)) {
                return;
            }
            earlier.add(old);
        }
        List<String> violations = compatibility.violations(schema, earlier);
        if (!violations.isEmpty()) {
            throw new RestError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\" (compatibility " + compatibility + "): " + String.join("; ", violations));
        }
    }

    /** {@code {"subject": ..., "version": ...}}, in Confluent's order. */
    private static Map<String, Object> subjectVersion(RegisteredSchema registered) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", registered.subject());
        body.put("version", registered.version());
        return body;
    }

    /** Every (subject, version) whose schema has this id. */
    private List<RegisteredSchema> usesOf(int id) {
        List<RegisteredSchema> uses = new ArrayList<>();
        for (String subject : backing.subjects()) {
            for (int v : backing.versions(subject)) {
                RegisteredSchema r = backing.version(subject, v);
                if (r.id() == id) {
                    uses.add(r);
                }
            }
        }
        return uses;
    }

    /** A query parameter of the request, decoded; null when absent. */
    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The version of {@code subject} whose schema has the same canonical form as {@code schema}. */
    private Map<String, Object> lookup(String subject, Schema schema) {
        String canonical = SchemaIds.canonicalForm(schema);
        List<Integer> versions = backing.versions(subject);
        for (int i = versions.size() - 1; i >= 0; i--) {
            RegisteredSchema candidate = backing.version(subject, versions.get(i));
            if (SchemaIds.canonicalForm(candidate.schema()).equals(canonical)) {
                return describe(candidate);
            }
        }
        throw new RestError(404, SCHEMA_NOT_FOUND, "Schema " + schema.getFullName() + " is not registered under subject '"
                + subject + "'");
    }

    private Schema schemaFromBody(HttpExchange exchange, String subject) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new RestError(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RestError(400, 400, "Request body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject() || !json.path("schema").isTextual()) {
            throw new RestError(422, INVALID_SCHEMA, "Request body must be a JSON object with a string field \"schema\"");
        }
        String type = json.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw new RestError(422, INVALID_SCHEMA, "Only AVRO schemas are supported, got schemaType " + type);
        }
        if (json.path("references").isArray() && !json.path("references").isEmpty()) {
            throw new RestError(422, INVALID_SCHEMA, "Schema references are not supported");
        }
        return ConfluentRest.parseSchema(json.get("schema").asText(), "the request for subject '" + subject + "'");
    }

    private boolean authorized(HttpExchange exchange) {
        if (expectedAuthorization == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.US_ASCII), expectedAuthorization);
    }

    private static Map<String, Object> describe(RegisteredSchema registered) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", registered.subject());
        body.put("version", registered.version());
        body.put("id", registered.id());
        body.put("schema", registered.schema().toString());
        return body;
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
            if (!raw.isEmpty()) {
                segments.add(ConfluentRest.decodeSegment(raw));
            }
        }
        return segments;
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RestError(404, SCHEMA_NOT_FOUND, "Schema id '" + text + "' is not a number");
        }
    }

    private static void requireMethod(String method, String... allowed) {
        if (!Arrays.asList(allowed).contains(method)) {
            throw new RestError(405, 405, "HTTP 405 Method Not Allowed: " + method);
        }
    }

    private static RestError notFound() {
        return new RestError(404, 404, "HTTP 404 Not Found");
    }

    private static Response ok(Object body) {
        return new Response(200, body);
    }

    private static Response error(int status, int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        return new Response(status, body);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
