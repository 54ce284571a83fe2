package org.amiconnect.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.amiconnect.schemas.registry.SchemaRegistry.RegisteredSchema;
import org.apache.avro.Schema;

/**
 * Schemas by id and the ids of each subject in version order: the memory of the in-process registry and of the
 * Kafka-backed one. Reads are lock-free; writes are serialised so that the collision check and the insert are atomic.
 */
public final class RegistryState {

    private record Entry(Schema schema, String canonicalForm) {
    }

    private final String description;
    private final Map<Integer, Entry> schemas = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> subjects = new ConcurrentHashMap<>();

    /** @param description names the registry in exception messages, e.g. "the in-memory schema registry" */
    public RegistryState(String description) {
        this.description = description;
    }

    /** The registry's name in exception messages. */
    public String description() {
        return description;
    }

    /** The schema with this id, or null. */
    public Schema schema(int id) {
        Entry entry = schemas.get(id);
        return entry == null ? null : entry.schema();
    }

    /** Throws when {@code id} already belongs to a schema whose canonical form differs from {@code schema}'s. */
    public void checkNoCollision(int id, Schema schema) {
        Entry existing = schemas.get(id);
        if (existing != null && !existing.canonicalForm().equals(SchemaIds.canonicalForm(schema))) {
            throw new SchemaIdCollisionException(id, existing.schema().getFullName(), schema.getFullName(), description);
        }
    }

    /**
     * Stores the schema under {@code id} unless the id is taken. When it is taken by a schema with the same canonical
     * form nothing changes; when it is taken by a different schema the first one stays and a collision is thrown.
     */
    public synchronized void addSchema(int id, Schema schema) {
        checkNoCollision(id, schema);
        schemas.putIfAbsent(id, new Entry(schema, SchemaIds.canonicalForm(schema)));
    }

    /** Appends {@code id} as the next version of {@code subject} unless the subject already has it. */
    public synchronized void addSubjectVersion(String subject, int id) {
        List<Integer> ids = subjects.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>());
        if (!ids.contains(id)) {
            ids.add(id);
        }
    }

    /**
     * Forgets the subject and its versions (the schemas stay readable by id, as Confluent's soft delete).
     *
     * @return the version numbers the subject had, 1..n
     * @throws UnknownSubjectException when the subject has no version
     */
    public synchronized List<Integer> removeSubject(String subject) {
        List<Integer> versions = versions(subject);
        subjects.remove(subject);
        return versions;
    }

    /** Removes one schema id from a subject (the later versions move down by one); nothing when it has none. */
    public synchronized void removeSubjectVersion(String subject, int id) {
        List<Integer> ids = subjects.get(subject);
        if (ids != null) {
            ids.remove(Integer.valueOf(id));
            if (ids.isEmpty()) {
                subjects.remove(subject);
            }
        }
    }

    /** The ids of the subject's versions, oldest first; empty when it has none. */
    public List<Integer> ids(String subject) {
        List<Integer> ids = subjects.get(subject);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** Stores the schema and appends it to the subject, atomically. */
    public synchronized void register(String subject, int id, Schema schema) {
        addSchema(id, schema);
        addSubjectVersion(subject, id);
    }

    /** Whether some schema has this id. */
    public boolean hasSchema(int id) {
        return schemas.containsKey(id);
    }

    /** Whether the schema with this id is a version of the subject. */
    public boolean hasSubjectVersion(String subject, int id) {
        List<Integer> ids = subjects.get(subject);
        return ids != null && ids.contains(id);
    }

    /** Whether the subject has at least one version. */
    public boolean hasSubject(String subject) {
        return subjects.containsKey(subject);
    }

    /** Every subject, sorted. */
    public List<String> subjects() {
        List<String> names = new ArrayList<>(subjects.keySet());
        names.sort(null);
        return List.copyOf(names);
    }

    /**
     * The subject's version numbers, 1..n.
     *
     * @throws UnknownSubjectException when the subject has no version
     */
    public List<Integer> versions(String subject) {
        List<Integer> ids = idsOf(subject);
        List<Integer> versions = new ArrayList<>(ids.size());
        for (int v = 1; v <= ids.size(); v++) {
            versions.add(v);
        }
        return List.copyOf(versions);
    }

    /** The subject's newest version, or empty when it has none. */
    public Optional<RegisteredSchema> latest(String subject) {
        List<Integer> ids = subjects.get(subject);
        if (ids == null || ids.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> snapshot = List.copyOf(ids);
        return Optional.of(registered(subject, snapshot.size(), snapshot.get(snapshot.size() - 1)));
    }

    /**
     * One version of a subject.
     *
     * @throws UnknownSubjectException when the subject has no version
     * @throws UnknownVersionException when {@code version} is not 1..n
     */
    public RegisteredSchema version(String subject, int version) {
        List<Integer> ids = List.copyOf(idsOf(subject));
        if (version < 1 || version > ids.size()) {
            throw new UnknownVersionException(subject, version, description);
        }
        return registered(subject, version, ids.get(version - 1));
    }

    private List<Integer> idsOf(String subject) {
        List<Integer> ids = subjects.get(subject);
        if (ids == null) {
            throw new UnknownSubjectException(subject, description);
        }
        return ids;
    }

    private RegisteredSchema registered(String subject, int version, int id) {
        Schema schema = schema(id);
        if (schema == null) {
            throw new SchemaRegistryException("Subject '" + subject + "' version " + version + " refers to schema id "
                    + id + ", which is missing from " + description);
        }
        return new RegisteredSchema(subject, version, id, schema);
    }
}
