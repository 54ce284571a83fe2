package org.amiconnect.schemas.serde;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Datum writers that choose a union's branch for a null or a {@link String} value by the branches' types instead of
 * by name. Avro resolves every union value through its data model's {@code getSchemaName} (a chain of type tests) and
 * a hash lookup of the name; raw records are mostly {@code [null, string]} fields, where that was a tenth of the
 * extract's time. The branch chosen is the same one Avro chooses (a union holds at most one {@code null} and one
 * {@code string} branch, and a {@link String} is never a record, enum, array, map or fixed); every other value, and a
 * union without the branch, goes to Avro's own resolution and its errors.
 */
final class UnionBranchWriters {

    private UnionBranchWriters() {
    }

    /** A writer of generated records of {@code schema} under {@code model} (its conversions, e.g. timestamps). */
    static DatumWriter<Object> specific(Schema schema, SpecificData model) {
        return new SpecificDatumWriter<>(schema, model) {
            @Override
            protected int resolveUnion(Schema union, Object datum) {
                int branch = branch(union, datum);
                return branch >= 0 ? branch : super.resolveUnion(union, datum);
            }
        };
    }

    /** A writer of generic records of {@code schema}. */
    static DatumWriter<Object> generic(Schema schema, GenericData model) {
        return new GenericDatumWriter<>(schema, model) {
            @Override
            protected int resolveUnion(Schema union, Object datum) {
                int branch = branch(union, datum);
                return branch >= 0 ? branch : super.resolveUnion(union, datum);
            }
        };
    }

    /**
     * The index of the {@code null} branch of {@code union} for a null datum, of its {@code string} branch for a
     * {@link String}; -1 for any other datum or when the union has no such branch.
     */
    static int branch(Schema union, Object datum) {
        Schema.Type wanted;
        if (datum == null) {
            wanted = Schema.Type.NULL;
        } else if (datum instanceof String) {
            wanted = Schema.Type.STRING;
        } else {
            return -1;
        }
        List<Schema> types = union.getTypes();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).getType() == wanted) {
                return i;
            }
        }
        return -1;
    }
}
