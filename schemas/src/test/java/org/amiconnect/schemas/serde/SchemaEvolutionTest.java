package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Records written with an older or newer schema are read into the current generated classes. */
class SchemaEvolutionTest {

    private static final Instant INSTALLED = Instant.parse("2019-03-04T00:00:00Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void readsGeneralMeterWrittenBeforeTheTrailingLocationFieldsExisted() {
        Schema timestamp = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        Schema v1 = SchemaBuilder.record("GeneralMeter").namespace("org.amiconnect.schemas.model").fields()
                .requiredString("org_id")
                .requiredString("device_id")
                .optionalString("account_id")
                .optionalString("location_id")
                .optionalString("meter_id")
                .optionalString("endpoint_id")
                .name("meter_install_date").type(Schema.createUnion(Schema.create(Schema.Type.NULL), timestamp))
                .withDefault(null)
                .optionalString("meter_size")
                .optionalString("meter_manufacturer")
                .optionalDouble("multiplier")
                .optionalString("location_address")
                .optionalString("location_city")
                .endRecord();
        GenericRecord old = new GenericData.Record(v1);
        old.put("org_id", "cadc");
        old.put("device_id", "1470158170");
        old.put("meter_install_date", INSTALLED.getEpochSecond() * 1_000_000L);
        old.put("meter_size", "0.625");
        old.put("multiplier", 10.0);
        old.put("location_city", "Springfield");

        byte[] bytes = new AvroSerializer<GenericRecord>(registry).serialize("ami.meters", old);
        new AvroSerializer<GeneralMeter>(registry).serialize("ami.meters", SampleRecords.meter());
        GeneralMeter meter = new AvroDeserializer<>(registry, GeneralMeter.class).deserialize("ami.meters", bytes);

        assertThat(meter.getOrgId()).isEqualTo("cadc");
        assertThat(meter.getDeviceId()).isEqualTo("1470158170");
        assertThat(meter.getMeterInstallDate()).isEqualTo(INSTALLED);
        assertThat(meter.getMeterSize()).isEqualTo("0.625");
        assertThat(meter.getMultiplier()).isEqualTo(10.0);
        assertThat(meter.getLocationCity()).isEqualTo("Springfield");
        assertThat(meter.getLocationState()).isNull();
        assertThat(meter.getLocationZip()).isNull();
        assertThat(registry.versions("ami.meters-value")).containsExactly(1, 2);
        assertThat(registry.version("ami.meters-value", 1).schema()).isEqualTo(v1);
    }

    @Test
    void fillsNonNullDefaultsOfFieldsTheWriterDidNotHave() {
        Schema v1 = new Schema.Parser().parse("""
                {"type": "record", "name": "ExtractRun", "namespace": "org.amiconnect.schemas.control", "fields": [
                  {"name": "run_id", "type": "string"},
                  {"name": "org_id", "type": "string"},
                  {"name": "source_type", "type": "string"},
                  {"name": "extract_name", "type": "string"},
                  {"name": "state", "type": {"type": "enum", "name": "ExtractRunState",
                     "symbols": ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]}},
                  {"name": "range_start", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "range_end", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "created_at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "updated_at", "type": {"type": "long", "logicalType": "timestamp-micros"}}
                ]}""");
        GenericRecord old = new GenericData.Record(v1);
        old.put("run_id", "run-1");
        old.put("org_id", "cadc");
        old.put("source_type", "beacon_360");
        old.put("extract_name", "standard");
        old.put("state", new GenericData.EnumSymbol(v1.getField("state").schema(), "RUNNING"));
        old.put("range_start", 1_000_000L);
        old.put("range_end", 2_000_000L);
        old.put("created_at", 3_000_000L);
        old.put("updated_at", 4_000_000L);

        byte[] bytes = new AvroSerializer<GenericRecord>(registry).serialize("ami.control.extract-runs", old);
        ExtractRun run = new AvroDeserializer<>(registry, ExtractRun.class).deserialize("ami.control.extract-runs", bytes);

        assertThat(run.getState()).isEqualTo(ExtractRunState.RUNNING);
        assertThat(run.getRangeStart()).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(run.getUpdatedAt()).isEqualTo(Instant.ofEpochSecond(4));
        assertThat(run.getRecordsSkipped()).isZero();
        assertThat(run.getRecordsPublished()).isEmpty();
        assertThat(run.getChunkIndex()).isNull();
        assertThat(run.getError()).isNull();
    }

    @Test
    void ignoresFieldsANewerWriterAdded() {
        Schema current = GeneralMeterRead.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("quality_flag", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, Schema.Field.NULL_DEFAULT_VALUE));
        Schema v3 = Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);
        GenericRecord newer = new GenericData.Record(v3);
        newer.put("org_id", "cadc");
        newer.put("device_id", "d1");
        newer.put("flowtime", 1_722_499_140_000_000L);
        newer.put("interval_value", 0.5);
        newer.put("interval_unit", "CF");
        newer.put("quality_flag", "suspect");

        byte[] bytes = new AvroSerializer<GenericRecord>(registry).serialize("ami.meter-reads", newer);
        GeneralMeterRead read = new AvroDeserializer<>(registry, GeneralMeterRead.class).deserialize("ami.meter-reads", bytes);

        assertThat(read.getDeviceId()).isEqualTo("d1");
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-08-01T07:59:00Z"));
        assertThat(read.getIntervalValue()).isEqualTo(0.5);
        assertThat(read.getIntervalUnit()).isEqualTo("CF");
        assertThat(read.getRegisterValue()).isNull();
    }
}
