package org.amiconnect.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.HttpSchemaRegistry;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaIds;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistryHttpException;
import org.amiconnect.schemas.registry.UnknownSchemaException;
import org.amiconnect.schemas.registry.UnknownSubjectException;
import org.amiconnect.schemas.registry.UnknownVersionException;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client and the server speak the same Confluent REST subset. */
class SchemaRegistryServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METERS = "ami.meters-value";

    private final InMemorySchemaRegistry backing = new InMemorySchemaRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private SchemaRegistryServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registersAndLooksUpSchemasOverHttp() {
        // two unrelated records under one subject: only without compatibility checks
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0, null, null, CompatibilityLevel.NONE);
        HttpSchemaRegistry client = new HttpSchemaRegistry(server.uri().toString());

        int meterId = client.register(METERS, GeneralMeter.getClassSchema());
        int readId = client.register(METERS, GeneralMeterRead.getClassSchema());
        int again = client.register(METERS, GeneralMeter.getClassSchema());
        client.register("ami.dlq-value", DeadLetter.getClassSchema());

        assertThat(meterId).isEqualTo(SchemaIds.fingerprintId(GeneralMeter.getClassSchema())).isEqualTo(again);
        assertThat(backing.schemaById(meterId)).isEqualTo(GeneralMeter.getClassSchema());
        HttpSchemaRegistry fresh = new HttpSchemaRegistry(server.uri().toString());
        assertThat(fresh.schemaById(readId)).isEqualTo(GeneralMeterRead.getClassSchema());
        assertThat(fresh.latest(METERS)).contains(
                new SchemaRegistry.RegisteredSchema(METERS, 2, readId, GeneralMeterRead.getClassSchema()));
        assertThat(fresh.versions(METERS)).containsExactly(1, 2);
        assertThat(fresh.version(METERS, 1).id()).isEqualTo(meterId);
        assertThat(fresh.version(METERS, 1).schema()).isEqualTo(GeneralMeter.getClassSchema());
        assertThat(fresh.subjects()).containsExactly("ami.dlq-value", METERS);
    }

    @Test
    void bytesWrittenThroughTheHttpRegistryAreReadWithTheBackingOne() {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        HttpSchemaRegistry client = new HttpSchemaRegistry(server.uri().toString());
        GeneralMeter meter = GeneralMeter.newBuilder().setOrgId("cadc").setDeviceId("d1").setMeterSize("1").build();

        byte[] bytes = new AvroSerializer<GeneralMeter>(client).serialize("ami.meters", meter);

        assertThat(new AvroDeserializer<>(backing, GeneralMeter.class).deserialize("ami.meters", bytes)).isEqualTo(meter);
        assertThat(new AvroDeserializer<>(new HttpSchemaRegistry(server.uri().toString()), GeneralMeter.class)
                .deserialize("ami.meters", bytes)).isEqualTo(meter);
    }

    @Test
    void answersUnknownSubjectVersionAndIdWithConfluentErrorCodes() throws Exception {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        backing.register(METERS, GeneralMeter.getClassSchema());

        assertError(get("/subjects/nope/versions/latest"), 404, 40401);
        assertError(get("/subjects/nope/versions"), 404, 40401);
        assertError(get("/subjects/" + METERS + "/versions/9"), 404, 40402);
        assertError(get("/subjects/" + METERS + "/versions/abc"), 422, 42202);
        assertError(get("/schemas/ids/999"), 404, 40403);
        assertError(post("/subjects/" + METERS + "/versions", "{\"schema\":\"{\\\"type\\\":\\\"nonsense\\\"}\"}"), 422, 42201);
        assertError(post("/subjects/" + METERS + "/versions", "not json"), 400, 400);
        assertError(get("/nothing/here"), 404, 404);
        assertError(post("/subjects", "{}"), 405, 405);

        HttpSchemaRegistry client = new HttpSchemaRegistry(server.uri().toString());
        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("Schema id 999")
                .hasMessageContaining(server.uri().toString());
        assertThatThrownBy(() -> client.version("nope", 1)).isInstanceOf(UnknownSubjectException.class);
        assertThatThrownBy(() -> client.versions("nope")).isInstanceOf(UnknownSubjectException.class);
        assertThatThrownBy(() -> client.version(METERS, 9)).isInstanceOf(UnknownVersionException.class);
        assertThat(client.latest("nope")).isEmpty();
    }

    @Test
    void answersWhetherASchemaIsRegisteredUnderASubject() throws Exception {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        int id = backing.register(METERS, GeneralMeter.getClassSchema());
        backing.register(METERS, GeneralMeterRead.getClassSchema());

        HttpResponse<String> found = post("/subjects/" + METERS, schemaBody(GeneralMeter.getClassSchema()));
        JsonNode body = JSON.readTree(found.body());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(body.get("subject").asText()).isEqualTo(METERS);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(GeneralMeter.getClassSchema());

        assertError(post("/subjects/" + METERS, schemaBody(DeadLetter.getClassSchema())), 404, 40403);
        assertError(post("/subjects/nope", schemaBody(DeadLetter.getClassSchema())), 404, 40401);
    }

    @Test
    void servesTheBareSchemaAndTheCompatibilityConfig() throws Exception {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        int id = backing.register(METERS, GeneralMeter.getClassSchema());

        HttpResponse<String> byId = get("/schemas/ids/" + id + "/schema");
        HttpResponse<String> byVersion = get("/subjects/" + METERS + "/versions/latest/schema");
        HttpResponse<String> config = get("/config");

        assertThat(new Schema.Parser().parse(byId.body())).isEqualTo(GeneralMeter.getClassSchema());
        assertThat(new Schema.Parser().parse(byVersion.body())).isEqualTo(GeneralMeter.getClassSchema());
        assertThat(byId.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        assertThat(JSON.readTree(config.body()).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void answersWhatRegistryUisAndToolingCall() throws Exception {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        int id = backing.register(METERS, GeneralMeter.getClassSchema());
        backing.register("prod.ami.meters-value", GeneralMeter.getClassSchema());
        backing.register("ami.dlq-value", DeadLetter.getClassSchema());

        assertThat(JSON.readTree(get("/schemas/types").body())).containsExactly(JSON.valueToTree("AVRO"));
        assertThat(JSON.readTree(get("/mode").body()).get("mode").asText()).isEqualTo("READWRITE");
        assertThat(JSON.readTree(get("/config/" + METERS).body()).get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertThat(JSON.readTree(get("/schemas/ids/" + id + "/subjects").body()).toString())
                .isEqualTo("[\"ami.meters-value\",\"prod.ami.meters-value\"]");
        assertThat(JSON.readTree(get("/schemas/ids/" + id + "/versions").body()).toString())
                .isEqualTo("[{\"subject\":\"ami.meters-value\",\"version\":1},"
                        + "{\"subject\":\"prod.ami.meters-value\",\"version\":1}]");
        assertThat(JSON.readTree(get("/subjects?subjectPrefix=prod.").body()).toString())
                .isEqualTo("[\"prod.ami.meters-value\"]");

        HttpResponse<String> deleted = delete("/subjects/prod.ami.meters-value");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).toString()).isEqualTo("[1]");
        assertThat(backing.subjects()).containsExactly("ami.dlq-value", METERS);
        assertThat(backing.schemaById(id)).as("still readable by id").isEqualTo(GeneralMeter.getClassSchema());
        assertError(delete("/subjects/prod.ami.meters-value"), 404, 40401);
    }

    @Test
    void refusesABackwardIncompatibleVersionByDefaultAndTakesACompatibleOne() throws Exception {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema withDefault = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");
        Schema withoutDefault = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}]}");
        backing.register("r-value", v1);

        HttpResponse<String> refused = post("/subjects/r-value/versions", schemaBody(withoutDefault));
        HttpResponse<String> taken = post("/subjects/r-value/versions", schemaBody(withDefault));
        HttpResponse<String> again = post("/subjects/r-value/versions", schemaBody(v1));

        assertError(refused, 409, 409);
        assertThat(refused.body()).contains("BACKWARD").contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1 (c)");
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).as("an existing version is no new version").isEqualTo(200);
        assertThat(backing.versions("r-value")).containsExactly(1, 2);
    }

    @Test
    void compatibilityLevelsCheckTheirDirection() {
        Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema dropped = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");

        // a reader without the field reads old data (BACKWARD); old readers cannot read new data (FORWARD)
        assertThat(CompatibilityLevel.BACKWARD.violations(dropped, java.util.List.of(v1))).isEmpty();
        assertThat(CompatibilityLevel.FORWARD.violations(dropped, java.util.List.of(v1))).isNotEmpty();
        assertThat(CompatibilityLevel.NONE.violations(dropped, java.util.List.of(v1))).isEmpty();
        assertThat(CompatibilityLevel.of("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    void encodesSubjectsWithSlashesSpacesAndPlusSigns() {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0);
        HttpSchemaRegistry client = new HttpSchemaRegistry(server.uri().toString());
        String subject = "odd subject/with+plus-value";

        int id = client.register(subject, GeneralMeter.getClassSchema());

        assertThat(backing.subjects()).containsExactly(subject);
        assertThat(client.subjects()).containsExactly(subject);
        assertThat(client.latest(subject).orElseThrow().id()).isEqualTo(id);
    }

    @Test
    void requiresBasicAuthenticationWhenConfigured() throws Exception {
        server = SchemaRegistryServer.start(backing, "127.0.0.1", 0, "alice", "s3cret-pw");
        String url = server.uri().toString();

        HttpResponse<String> anonymous = get("/subjects");
        assertError(anonymous, 401, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"schema-registry\"");

        HttpSchemaRegistry noCredentials = new HttpSchemaRegistry(url);
        assertThatThrownBy(noCredentials::subjects)
                .isInstanceOfSatisfying(SchemaRegistryHttpException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("GET /subjects")
                .hasMessageContaining("HTTP 401");

        HttpSchemaRegistry wrongPassword = new HttpSchemaRegistry(url, "alice", "wrong-pw");
        assertThatThrownBy(() -> wrongPassword.register(METERS, GeneralMeter.getClassSchema()))
                .isInstanceOf(SchemaRegistryHttpException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("wrong-pw");
        assertThat(wrongPassword.toString()).contains("alice").doesNotContain("wrong-pw");

        HttpSchemaRegistry authorized = new HttpSchemaRegistry(url, "alice", "s3cret-pw");
        int id = authorized.register(METERS, GeneralMeter.getClassSchema());
        assertThat(authorized.schemaById(id)).isEqualTo(GeneralMeter.getClassSchema());
        assertThat(authorized.toString()).doesNotContain("s3cret-pw");

        HttpSchemaRegistry credentialsInUrl = new HttpSchemaRegistry(
                "http://alice:s3cret-pw@127.0.0.1:" + server.port());
        assertThat(credentialsInUrl.subjects()).containsExactly(METERS);
        assertThat(credentialsInUrl.url()).isEqualTo(url).doesNotContain("s3cret-pw");
        assertThat(credentialsInUrl.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void retriesServerErrorsUntilTheBackingRegistryAnswers() {
        FailingFirstLookups flaky = new FailingFirstLookups(backing, 2);
        server = SchemaRegistryServer.start(flaky, "127.0.0.1", 0);
        int id = backing.register(METERS, GeneralMeter.getClassSchema());

        Schema schema = new HttpSchemaRegistry(server.uri().toString()).schemaById(id);

        assertThat(schema).isEqualTo(GeneralMeter.getClassSchema());
        assertThat(flaky.calls.get()).isEqualTo(3);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String schemaBody(Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private static void assertError(HttpResponse<String> response, int status, int errorCode) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error_code").asInt()).as("error_code of %s", response.uri()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    /** A registry whose first lookups by id fail, as a registry with a struggling backend would. */
    private static final class FailingFirstLookups implements SchemaRegistry {
        private final SchemaRegistry delegate;
        private final int failures;
        final AtomicInteger calls = new AtomicInteger();

        FailingFirstLookups(SchemaRegistry delegate, int failures) {
            this.delegate = delegate;
            this.failures = failures;
        }

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("backend briefly unavailable");
            }
            return delegate.schemaById(id);
        }

        @Override
        public Optional<RegisteredSchema> latest(String subject) {
            return delegate.latest(subject);
        }

        @Override
        public List<String> subjects() {
            return delegate.subjects();
        }

        @Override
        public List<Integer> versions(String subject) {
            return delegate.versions(subject);
        }

        @Override
        public RegisteredSchema version(String subject, int version) {
            return delegate.version(subject, version);
        }

        @Override
        public void close() {
        }
    }
}
