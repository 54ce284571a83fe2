package org.amiconnect.embedded.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent Schema Registry's compatibility levels, checked with Avro's own {@link SchemaCompatibility}: which
 * earlier versions of a subject a new schema is checked against, and in which direction.
 *
 * <p>BACKWARD: the new schema reads data written with the latest one (consumers upgrade first); FORWARD: the latest
 * reads data written with the new one; FULL: both. The {@code _TRANSITIVE} levels check every earlier version, not
 * only the latest. NONE checks nothing.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * The level named {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the levels when there is none by that name
     */
    public static CompatibilityLevel of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a compatibility level; expected one of "
                    + List.of(values()), e);
        }
    }

    /**
     * Why {@code candidate} may not become the next version after {@code earlier}.
     *
     * @param earlier the subject's versions, oldest first
     * @return the incompatibilities Avro found, each naming the version and what is wrong; empty when compatible
     */
    public List<String> violations(Schema candidate, List<Schema> earlier) {
        List<String> out = new ArrayList<>();
        if (this == NONE || earlier.isEmpty()) {
            return out;
        }
        int from = transitive ? 0 : earlier.size() - 1;
        for (int i = from; i < earlier.size(); i++) {
            Schema old = earlier.get(i);
            if (backward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "reading data of version "
                        + (i + 1), out);
            }
            if (forward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "version " + (i + 1)
                        + " reading data of the new schema", out);
            }
        }
        return out;
    }

    private static void describe(SchemaPairCompatibility pair, String what, List<String> out) {
        if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            pair.getResult().getIncompatibilities().forEach(i -> out.add(what + ": " + i.getType() + " at "
                    + i.getLocation() + (i.getMessage() == null ? "" : " (" + i.getMessage() + ")")));
        }
    }
}
