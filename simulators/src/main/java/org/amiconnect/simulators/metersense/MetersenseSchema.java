package org.amiconnect.simulators.metersense;

import java.util.ArrayList;
import java.util.List;

/**
 * The Metersense tables as the simulator creates them: the vendor's column names with Oracle-like types (DATE as a
 * timestamp without zone, numbers as NUMERIC). The simulator keeps its own column list on purpose, independent of the
 * adapter's raw records (an oracle must not share the client's reading of the format), and puts the columns in an
 * order unlike the predecessor's dataclasses, with one column the predecessor did not know, as a real schema that has
 * grown over time would have them: a client that maps columns by position loads the wrong values.
 */
final class MetersenseSchema {

    record Column(String name, String type) {
    }

    static final List<Column> ACCOUNT_SERVICES = List.of(
            c("account_id", "VARCHAR(30)"), c("service_id", "VARCHAR(30)"), c("location_no", "VARCHAR(30)"),
            c("commodity_tp", "VARCHAR(2)"), c("active_dt", "TIMESTAMP(0)"), c("inactive_dt", "TIMESTAMP(0)"),
            c("last_read_dt", "TIMESTAMP(0)"));

    static final List<Column> LOCATIONS = List.of(
            c("location_no", "VARCHAR(30)"), c("street_no", "VARCHAR(10)"), c("street_name", "VARCHAR(80)"),
            c("city", "VARCHAR(40)"), c("state", "VARCHAR(2)"), c("postal_cd", "VARCHAR(10)"),
            c("alt_location_id", "VARCHAR(30)"), c("location_class", "VARCHAR(10)"), c("unit_no", "VARCHAR(10)"),
            c("street_pfx", "VARCHAR(5)"), c("street_sfx", "VARCHAR(10)"), c("street_sfx_dir", "VARCHAR(5)"),
            c("billing_cycle", "VARCHAR(5)"), c("add_by", "VARCHAR(20)"), c("add_dt", "TIMESTAMP(0)"),
            c("change_by", "VARCHAR(20)"), c("change_dt", "TIMESTAMP(0)"), c("latitude", "NUMERIC(10,6)"),
            c("longitude", "NUMERIC(10,6)"));

    static final List<Column> METERS = meters(false);
    static final List<Column> METERS_VIEW = meters(true);

    static final List<Column> METER_LOCATION_XREF = List.of(
            c("location_no", "VARCHAR(30)"), c("meter_id", "VARCHAR(30)"), c("active_dt", "TIMESTAMP(0)"),
            c("inactive_dt", "TIMESTAMP(0)"), c("add_by", "VARCHAR(20)"), c("add_dt", "TIMESTAMP(0)"),
            c("change_by", "VARCHAR(20)"), c("change_dt", "TIMESTAMP(0)"));

    static final List<Column> INTERVALREADS = List.of(
            c("read_dtm", "TIMESTAMP(0)"), c("meter_id", "VARCHAR(30)"), c("read_value", "NUMERIC(18,4)"),
            c("uom", "VARCHAR(10)"), c("status", "VARCHAR(2)"), c("channel_id", "NUMERIC(2)"),
            c("read_dt", "TIMESTAMP(0)"), c("read_hr", "NUMERIC(2)"), c("read_30min_int", "NUMERIC(2)"),
            c("read_15min_int", "NUMERIC(2)"), c("read_5min_int", "NUMERIC(2)"), c("read_version", "NUMERIC(4)"));

    static final List<Column> REGISTERREADS = List.of(
            c("read_value", "NUMERIC(18,4)"), c("meter_id", "VARCHAR(30)"), c("read_dtm", "TIMESTAMP(0)"),
            c("uom", "VARCHAR(10)"), c("status", "VARCHAR(2)"), c("channel_id", "NUMERIC(2)"),
            c("read_version", "NUMERIC(4)"));

    private MetersenseSchema() {
    }

    private static List<Column> meters(boolean view) {
        List<Column> m = new ArrayList<>(List.of(c("commodity_tp", "VARCHAR(2)"), c("meter_id", "VARCHAR(30)"),
                c("meter_tp", "VARCHAR(20)"), c("alt_meter_id", "VARCHAR(30)"), c("region_id", "VARCHAR(10)"),
                c("interval_length", "NUMERIC(4)"), c("regread_frequency", "NUMERIC(6)")));
        for (int i = 1; i <= 8; i++) {
            m.add(c("channel" + i + "_raw_uom", "VARCHAR(10)"));
            m.add(c("channel" + i + "_multiplier", "NUMERIC(12,6)"));
            m.add(c("channel" + i + "_final_uom", "VARCHAR(10)"));
        }
        m.addAll(List.of(c("first_data_ts", "TIMESTAMP(0)"), c("last_data_ts", "TIMESTAMP(0)"),
                c("ami_id", "VARCHAR(30)"), c("power_status", "VARCHAR(10)"), c("latitude", "NUMERIC(10,6)"),
                c("longitude", "NUMERIC(10,6)"), c("exclude_in_reports", "VARCHAR(1)")));
        if (view) {
            m.addAll(List.of(c("nb_dials", "NUMERIC(2)"), c("backflow", "VARCHAR(1)"),
                    c("service_point_type", "VARCHAR(10)"), c("reclaim_inter_prog", "VARCHAR(10)"),
                    c("power_status_details", "VARCHAR(40)"), c("comm_module_id", "VARCHAR(30)"),
                    c("register_constant", "NUMERIC(12,6)")));
        } else {
            m.addAll(List.of(c("add_by", "VARCHAR(20)"), c("add_dt", "TIMESTAMP(0)"), c("change_by", "VARCHAR(20)"),
                    c("change_dt", "TIMESTAMP(0)"), c("install_note", "VARCHAR(80)")));
        }
        return List.copyOf(m);
    }

    static String createTable(String table, List<Column> columns) {
        return "CREATE TABLE " + table + " (" + String.join(", ",
                columns.stream().map(col -> col.name() + " " + col.type()).toList()) + ")";
    }

    static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    private static Column c(String name, String type) {
        return new Column(name, type);
    }
}
