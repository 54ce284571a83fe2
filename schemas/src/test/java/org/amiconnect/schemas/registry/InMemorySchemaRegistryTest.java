package org.amiconnect.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry.RegisteredSchema;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void independentRegistriesGiveTheSameIdForTheSameSchema() {
        InMemorySchemaRegistry other = new InMemorySchemaRegistry();
        Schema reparsed = new Schema.Parser().parse(GeneralMeter.getClassSchema().toString());

        int id = registry.register("a-value", GeneralMeter.getClassSchema());
        int otherId = other.register("b-value", reparsed);

        assertThat(otherId).isEqualTo(id).isPositive();
        assertThat(other.schemaById(id)).isEqualTo(GeneralMeter.getClassSchema());
    }

    @Test
    void idIgnoresDocsButChangesWithTheEncoding() {
        Schema plain = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").endRecord();
        Schema documented = SchemaBuilder.record("R").namespace("x").doc("explained").fields()
                .name("a").doc("the a").type().stringType().noDefault().endRecord();
        Schema renamedField = SchemaBuilder.record("R").namespace("x").fields().requiredString("b").endRecord();
        Schema otherType = SchemaBuilder.record("R").namespace("x").fields().requiredLong("a").endRecord();

        assertThat(SchemaIds.fingerprintId(documented)).isEqualTo(SchemaIds.fingerprintId(plain));
        assertThat(SchemaIds.fingerprintId(renamedField)).isNotEqualTo(SchemaIds.fingerprintId(plain));
        assertThat(SchemaIds.fingerprintId(otherType)).isNotEqualTo(SchemaIds.fingerprintId(plain));
    }

    @Test
    void registeringTwiceIsIdempotent() {
        int first = registry.register("ami.meters-value", GeneralMeter.getClassSchema());
        int second = registry.register("ami.meters-value", GeneralMeter.getClassSchema());

        assertThat(second).isEqualTo(first);
        assertThat(registry.versions("ami.meters-value")).containsExactly(1);
    }

    @Test
    void numbersVersionsInRegistrationOrderAndListsSubjectsSorted() {
        int meterId = registry.register("mixed-value", GeneralMeter.getClassSchema());
        int readId = registry.register("mixed-value", GeneralMeterRead.getClassSchema());
        registry.register("a-value", DeadLetter.getClassSchema());
        registry.register("mixed-value", GeneralMeter.getClassSchema());

        assertThat(registry.versions("mixed-value")).containsExactly(1, 2);
        assertThat(registry.version("mixed-value", 1))
                .isEqualTo(new RegisteredSchema("mixed-value", 1, meterId, GeneralMeter.getClassSchema()));
        assertThat(registry.latest("mixed-value")).contains(
                new RegisteredSchema("mixed-value", 2, readId, GeneralMeterRead.getClassSchema()));
        assertThat(registry.subjects()).containsExactly("a-value", "mixed-value");
    }

    @Test
    void unknownIdSubjectAndVersionAreNamedInTheErrors() {
        registry.register("ami.meters-value", GeneralMeter.getClassSchema());

        assertThatThrownBy(() -> registry.schemaById(77))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessage("Schema id 77 is not registered in the in-memory schema registry");
        assertThatThrownBy(() -> registry.versions("nope"))
                .isInstanceOf(UnknownSubjectException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> registry.version("ami.meters-value", 2))
                .isInstanceOf(UnknownVersionException.class)
                .hasMessageContaining("'ami.meters-value' has no version 2");
        assertThat(registry.latest("nope")).isEmpty();
    }

    @Test
    void refusesADifferentSchemaWhoseIdCollides() {
        InMemorySchemaRegistry colliding = new InMemorySchemaRegistry(schema -> 42);
        colliding.register("ami.meters-value", GeneralMeter.getClassSchema());

        assertThatThrownBy(() -> colliding.register("ami.dlq-value", DeadLetter.getClassSchema()))
                .isInstanceOf(SchemaIdCollisionException.class)
                .hasMessageContaining("id 42")
                .hasMessageContaining("org.amiconnect.schemas.model.GeneralMeter")
                .hasMessageContaining("org.amiconnect.schemas.dlq.DeadLetter");
        assertThat(colliding.schemaById(42)).isEqualTo(GeneralMeter.getClassSchema());
        assertThat(colliding.subjects()).containsExactly("ami.meters-value");
        assertThat(colliding.register("other-value", GeneralMeter.getClassSchema())).isEqualTo(42);
    }
}
