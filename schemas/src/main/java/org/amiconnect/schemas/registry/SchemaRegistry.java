package org.amiconnect.schemas.registry;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * Where Avro schemas are registered under subjects and looked up by the numeric id that the Schema Registry wire format
 * carries in front of every record.
 *
 * <p>Implementations are thread-safe and cache what they look up. Subjects follow the topic-name strategy
 * ({@code <topic>-value}, {@code <topic>-key}); versions are numbered from 1 in registration order.
 */
public interface SchemaRegistry extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject}. Registering a schema that is already registered under the
     * subject changes nothing and returns the same id.
     *
     * @return the schema's id
     */
    int register(String subject, Schema schema);

    /**
     * The schema with the given id.
     *
     * @throws UnknownSchemaException when no schema has this id
     */
    Schema schemaById(int id);

    /** The newest version of the subject, empty when the subject does not exist. */
    Optional<RegisteredSchema> latest(String subject);

    /** All subjects, sorted. */
    List<String> subjects();

    /**
     * The version numbers of the subject, ascending.
     *
     * @throws UnknownSubjectException when the subject does not exist
     */
    List<Integer> versions(String subject);

    /**
     * One version of a subject.
     *
     * @throws UnknownSubjectException when the subject does not exist
     * @throws UnknownVersionException when the subject has no such version
     */
    RegisteredSchema version(String subject, int version);

    /**
     * Deletes a subject: its versions are forgotten (Confluent's soft delete: its schemas stay readable by id, so
     * records already written stay readable).
     *
     * @return the version numbers the subject had
     * @throws UnknownSubjectException when the subject does not exist
     * @throws UnsupportedOperationException when this registry cannot delete (a remote one: use its own API)
     */
    default List<Integer> deleteSubject(String subject) {
        throw new UnsupportedOperationException(this + " does not delete subjects");
    }

    @Override
    void close();

    /** One version of a subject: the schema and its id. */
    record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }
}
