package org.amiconnect.schemas.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.apache.avro.Schema;

/**
 * A schema registry that lives only in this process, for tests and benchmarks. Ids are the same fingerprint ids the
 * Kafka-backed registry uses ({@link SchemaIds#fingerprintId}), so bytes written with one can be read with the other.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final RegistryState state = new RegistryState("the in-memory schema registry");
    private final ToIntFunction<Schema> ids;

    public InMemorySchemaRegistry() {
        this(SchemaIds::fingerprintId);
    }

    /** With another id function, so tests can provoke id collisions. */
    InMemorySchemaRegistry(ToIntFunction<Schema> ids) {
        this.ids = ids;
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        int id = ids.applyAsInt(schema);
        state.register(subject, id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = state.schema(id);
        if (schema == null) {
            throw new UnknownSchemaException(id, state.description());
        }
        return schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        return state.latest(subject);
    }

    @Override
    public List<String> subjects() {
        return state.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return state.versions(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return state.version(subject, version);
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        return state.removeSubject(subject);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry";
    }
}
