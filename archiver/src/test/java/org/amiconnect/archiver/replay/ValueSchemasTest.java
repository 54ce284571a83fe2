package org.amiconnect.archiver.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.WireFormat;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Values keep their bytes when the target registry knows their schema; otherwise the archived schema is registered. */
class ValueSchemasTest {

    private static final String TOPIC = "ami.raw.beacon360.meter-read";
    private static final Schema SCHEMA = Beacon360MeterRead.getClassSchema();

    private final InMemorySchemaRegistry source = new InMemorySchemaRegistry();
    private final byte[] value = TestRecords.value(source, TOPIC, TestRecords.beaconReadOfRow("org", "ep-1", 1));
    private final int archivedId = WireFormat.schemaId(value);
    private final Map<Integer, Schema> archived = Map.of(archivedId, SCHEMA);

    @Test
    void aValueWhoseSchemaTheRegistryKnowsKeepsItsBytes() {
        ValueSchemas schemas = new ValueSchemas(source, TOPIC, true);

        assertThat(schemas.value(value, archived, "k")).isSameAs(value);
        assertThat(schemas.registered()).isEmpty();
    }

    @Test
    void aRegistryThatNumbersSchemasItselfGetsTheArchivedSchemaAndTheIdIsRewritten() {
        SequentialIdRegistry target = new SequentialIdRegistry();
        target.register("other-value", Schema.create(Schema.Type.STRING));
        ValueSchemas schemas = new ValueSchemas(target, TOPIC, true);

        byte[] replayed = schemas.value(value, archived, "k");
        byte[] again = schemas.value(value, archived, "k");

        assertThat(WireFormat.schemaId(replayed)).isEqualTo(2);
        assertThat(target.schemaById(2)).isEqualTo(SCHEMA);
        assertThat(target.subjects()).contains(TOPIC + "-value");
        assertThat(Arrays.copyOfRange(replayed, WireFormat.BODY_OFFSET, replayed.length))
                .isEqualTo(Arrays.copyOfRange(value, WireFormat.BODY_OFFSET, value.length));
        assertThat(again).isEqualTo(replayed);
        assertThat(schemas.registered()).isEqualTo(Map.of(archivedId, 2));
        assertThat(WireFormat.schemaId(value)).as("the archived value is untouched").isEqualTo(archivedId);
    }

    @Test
    void anIdThatMeansAnotherSchemaInTheTargetIsNotTrusted() {
        SequentialIdRegistry target = new SequentialIdRegistry();
        byte[] withIdOne = WireFormat.frame(1, Arrays.copyOfRange(value, WireFormat.BODY_OFFSET, value.length));
        target.register("unrelated-value", Schema.create(Schema.Type.STRING));
        ValueSchemas schemas = new ValueSchemas(target, TOPIC, true);

        byte[] replayed = schemas.value(withIdOne, Map.of(1, SCHEMA), "k");

        assertThat(WireFormat.schemaId(replayed)).isEqualTo(2);
        assertThat(target.schemaById(2)).isEqualTo(SCHEMA);
    }

    @Test
    void aDryRunFindsMissingSchemasAndRegistersNothing() {
        SequentialIdRegistry target = new SequentialIdRegistry();
        ValueSchemas schemas = new ValueSchemas(target, TOPIC, false);

        assertThat(schemas.value(value, archived, "k")).isSameAs(value);
        assertThat(schemas.registered()).isEqualTo(Map.of(archivedId, -1));
        assertThat(target.subjects()).isEmpty();
    }

    @Test
    void bytesThatAreNotTheWireFormatPassUnchanged() {
        ValueSchemas schemas = new ValueSchemas(new SequentialIdRegistry(), TOPIC, true);
        byte[] plain = {7, 1, 2};

        assertThat(schemas.value(plain, Map.of(), "k")).isSameAs(plain);
        assertThat(schemas.value(null, Map.of(), "k")).isNull();
    }
}
