package org.amiconnect.adapters.xylemdatalake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The SQL the predecessor ran in SQL Lab (python-ami-connect §2.6): the active rows of {@code account}, and the rows
 * of {@code water_intervals} and {@code water_registers} whose {@code read_time_timestamp} (naive UTC) lies in a
 * half-open window.
 */
final class XylemDatalakeQueries {

    static final String ACCOUNT_TABLE = "account";
    static final String INTERVALS_TABLE = "water_intervals";
    static final String REGISTERS_TABLE = "water_registers";

    static final List<String> ACCOUNT_COLUMNS = List.of("device_id", "commodity", "device_type", "radio_id",
            "account_id", "account_name", "account_rate_code", "account_service_type", "account_status",
            "asset_address", "asset_city", "asset_state", "asset_zip", "meter_manufacturer", "meter_size",
            "display_multiplier", "sdp_id", "record_active_flag");
    static final List<String> INTERVAL_COLUMNS = List.of("meter_id", "radio_id", "commodity", "unit_of_measure",
            "read_time_timestamp", "rni_multiplier", "interval_value", "read_time_timestamp_local");
    static final List<String> REGISTER_COLUMNS = List.of("meter_id", "radio_id", "commodity", "unit_of_measure",
            "read_time_timestamp", "read_quality", "flag", "rni_multiplier", "register_value",
            "read_time_timestamp_local");

    /** The Data Lake's timestamps are naive UTC; bounds are written the same way. */
    static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private XylemDatalakeQueries() {
    }

    /** Every active account row; there is no date filter (only the current state is kept by the Data Lake). */
    static String accounts(String schema) {
        return "SELECT " + String.join(", ", ACCOUNT_COLUMNS) + " FROM " + schema + "." + ACCOUNT_TABLE
                + " WHERE record_active_flag = 'true'";
    }

    /** Rows of a read table with {@code read_time_timestamp} in [{@code start}, {@code end}) (UTC). */
    static String reads(String schema, String table, List<String> columns, Instant start, Instant end) {
        return "SELECT " + String.join(", ", columns) + " FROM " + schema + "." + table
                + " WHERE read_time_timestamp >= '" + BOUND.format(start) + "' AND read_time_timestamp < '"
                + BOUND.format(end) + "'";
    }
}
