package org.amiconnect.archiver.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.registry.UnknownSchemaException;
import org.amiconnect.schemas.registry.UnknownSubjectException;
import org.apache.avro.Schema;

/** A registry that numbers schemas 1, 2, 3... in registration order, as Confluent Schema Registry does. */
final class SequentialIdRegistry implements SchemaRegistry {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        for (RegisteredSchema r : subjects.getOrDefault(subject, List.of())) {
            if (r.schema().equals(schema)) {
                return r.id();
            }
        }
        int id = byId.size() + 1;
        byId.put(id, schema);
        List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new UnknownSchemaException(id, "the sequential test registry");
        }
        return s;
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<RegisteredSchema> v = subjects.get(subject);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return version(subject).stream().map(RegisteredSchema::version).toList();
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        return version(subject).get(version - 1);
    }

    private List<RegisteredSchema> version(String subject) {
        List<RegisteredSchema> v = subjects.get(subject);
        if (v == null) {
            throw new UnknownSubjectException(subject, "the sequential test registry");
        }
        return v;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
