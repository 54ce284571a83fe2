package org.amiconnect.loader.sink;

import static org.amiconnect.loader.sink.Column.nullable;
import static org.amiconnect.loader.sink.Column.required;
import static org.amiconnect.loader.sink.ColumnType.BIGINT;
import static org.amiconnect.loader.sink.ColumnType.DOUBLE;
import static org.amiconnect.loader.sink.ColumnType.INTEGER;
import static org.amiconnect.loader.sink.ColumnType.TEXT;
import static org.amiconnect.loader.sink.ColumnType.TIMESTAMP;

import java.util.ArrayList;
import java.util.List;

import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;

/**
 * The tables every sink has besides the raw ones: readings, meters (with history), the consumed offsets and the load
 * progress of extract runs.
 */
public final class WarehouseTables {

    public static final TableDef READINGS = new TableDef("readings", List.of(
            required("org_id", TEXT),
            required("device_id", TEXT),
            nullable("account_id", TEXT),
            nullable("location_id", TEXT),
            required("flowtime", TIMESTAMP),
            nullable("register_value", DOUBLE),
            nullable("register_unit", TEXT),
            nullable("interval_value", DOUBLE),
            nullable("interval_unit", TEXT),
            nullable("battery", TEXT),
            nullable("install_date", TIMESTAMP),
            nullable("estimated", INTEGER),
            nullable("connection", TEXT)),
            List.of("org_id", "device_id", "flowtime"), false);

    /** The meter attributes whose change starts a new version of a meter (everything but the key). */
    public static final List<Column> METER_ATTRIBUTES = List.of(
            nullable("account_id", TEXT),
            nullable("location_id", TEXT),
            nullable("meter_id", TEXT),
            nullable("endpoint_id", TEXT),
            nullable("meter_install_date", TIMESTAMP),
            nullable("meter_size", TEXT),
            nullable("meter_manufacturer", TEXT),
            nullable("multiplier", DOUBLE),
            nullable("location_address", TEXT),
            nullable("location_city", TEXT),
            nullable("location_state", TEXT),
            nullable("location_zip", TEXT));

    /**
     * SCD type 2: the current row of a meter has no row_active_until. Versions are ordered by row_active_from (the
     * version time, {@link MeterVersion}), then by the position of their record in the meters topic (kafka_partition,
     * kafka_offset; null in rows of older releases, which sort first).
     */
    public static final TableDef METERS = new TableDef("meters", meterColumns(true), List.of(), false);

    /** What a batch stages for meters: one version per device, row_active_from being the version time. */
    public static final TableDef METER_VERSIONS = new TableDef("meters", meterColumns(false), List.of(), false);

    public static final TableDef CONSUMER_OFFSETS = new TableDef("ami_consumer_offsets", List.of(
            required("consumer_group", TEXT),
            required("topic", TEXT),
            required("kafka_partition", INTEGER),
            required("next_offset", BIGINT),
            required("updated_at", TIMESTAMP),
            // the Kafka topic id the offset belongs to: a topic created again under the same name starts at 0 again
            nullable("topic_id", TEXT)),
            List.of("consumer_group", "topic", "kafka_partition"), false);

    /**
     * What each batch loaded of each extract run, per partition (records counted by their {@code ami.run-id}
     * header), written in the batch's transaction so the counts are exact across crashes and retries.
     */
    public static final TableDef RUN_LOADS = new TableDef("ami_run_loads", List.of(
            required("consumer_group", TEXT),
            required("run_id", TEXT),
            required("org_id", TEXT),
            required("topic", TEXT),
            required("kafka_partition", INTEGER),
            required("records", BIGINT),
            required("last_offset", BIGINT),
            required("loaded_at", TIMESTAMP)),
            List.of(), false);

    /** The extract runs whose load-finished event a consumer group has published. */
    public static final TableDef LOAD_EVENTS = new TableDef("ami_load_events", List.of(
            required("consumer_group", TEXT),
            required("run_id", TEXT),
            required("published_at", TIMESTAMP)),
            List.of("consumer_group", "run_id"), false);

    private WarehouseTables() {
    }

    private static List<Column> meterColumns(boolean withUntil) {
        List<Column> columns = new ArrayList<>();
        columns.add(required("org_id", TEXT));
        columns.add(required("device_id", TEXT));
        columns.addAll(METER_ATTRIBUTES);
        columns.add(required("row_active_from", TIMESTAMP));
        if (withUntil) {
            columns.add(nullable("row_active_until", TIMESTAMP));
        }
        columns.add(nullable("kafka_partition", INTEGER));
        columns.add(nullable("kafka_offset", BIGINT));
        return columns;
    }

    /** The {@link #READINGS} row of a read: values in column order, timestamps as epoch microseconds. */
    public static Object[] readingRow(GeneralMeterRead r) {
        return new Object[] {
            r.getOrgId(), r.getDeviceId(), r.getAccountId(), r.getLocationId(), Micros.of(r.getFlowtime()),
            r.getRegisterValue(), r.getRegisterUnit(), r.getIntervalValue(), r.getIntervalUnit(), r.getBattery(),
            Micros.ofNullable(r.getInstallDate()), r.getEstimated(), r.getConnection()
        };
    }

    static Object[] meterVersionRow(MeterVersion v) {
        GeneralMeter m = v.meter();
        return new Object[] {
            m.getOrgId(), m.getDeviceId(), m.getAccountId(), m.getLocationId(), m.getMeterId(), m.getEndpointId(),
            Micros.ofNullable(m.getMeterInstallDate()), m.getMeterSize(), m.getMeterManufacturer(), m.getMultiplier(),
            m.getLocationAddress(), m.getLocationCity(), m.getLocationState(), m.getLocationZip(),
            Micros.of(v.versionTime()), v.partition(), v.offset()
        };
    }
}
