package org.amiconnect.adapters.metersense;

import java.util.Set;

/**
 * The Metersense tables as the extractor queries them (python-ami-connect §2.3). The SQL is plain (no vendor
 * functions, unquoted names) so it runs on Oracle and on the PostgreSQL the tests and the simulator use; columns are
 * read by name ({@code SELECT *}), so their order in the table does not matter.
 */
final class MetersenseTables {

    static final String METERS = "METERS";
    static final String METERS_VIEW = "METERS_VIEW";
    static final String LOCATIONS = "LOCATIONS";
    static final String ACCOUNT_SERVICES = "ACCOUNT_SERVICES";
    static final String METER_LOCATION_XREF = "METER_LOCATION_XREF";
    static final String INTERVALREADS = "INTERVALREADS";
    static final String REGISTERREADS = "REGISTERREADS";

    /** Water meters only: other commodities (electric, gas) share the tables. */
    static final String WATER = "'W'";

    /** A table dumped whole every run (the predecessor did the same: they are small and change in place). */
    static String all(String table) {
        return "SELECT * FROM " + table;
    }

    /** A read table's rows with READ_DTM in [?, ?) (local time), for water meters only. */
    static String reads(String table) {
        return "SELECT r.* FROM " + table + " r WHERE r.READ_DTM >= ? AND r.READ_DTM < ?"
                + " AND r.METER_ID IN (SELECT m.METER_ID FROM " + METERS + " m WHERE m.COMMODITY_TP = " + WATER + ")";
    }

    /**
     * Every water meter with each location it was linked to and each water account at that location: the rows the
     * meter histories are built from, grouped by meter.
     */
    static final String METER_LINKS = "SELECT m.METER_ID AS METER_ID, x.LOCATION_NO AS LOCATION_NO,"
            + " x.ACTIVE_DT AS XREF_ACTIVE_DT, x.INACTIVE_DT AS XREF_INACTIVE_DT,"
            + " l.STREET_NAME AS STREET_NAME, l.CITY AS CITY, l.STATE AS STATE, l.POSTAL_CD AS POSTAL_CD,"
            + " a.ACCOUNT_ID AS ACCOUNT_ID, a.ACTIVE_DT AS ACCOUNT_ACTIVE_DT, a.INACTIVE_DT AS ACCOUNT_INACTIVE_DT"
            + " FROM " + METERS + " m"
            + " LEFT JOIN " + METER_LOCATION_XREF + " x ON x.METER_ID = m.METER_ID AND x.LOCATION_NO IS NOT NULL"
            + " LEFT JOIN " + LOCATIONS + " l ON l.LOCATION_NO = x.LOCATION_NO"
            + " LEFT JOIN " + ACCOUNT_SERVICES + " a ON a.LOCATION_NO = x.LOCATION_NO AND a.COMMODITY_TP = " + WATER
            + " WHERE m.COMMODITY_TP = " + WATER
            + " ORDER BY m.METER_ID";

    /** Columns without which a table's rows cannot be used (lower case). */
    static final Set<String> METER_REQUIRED = Set.of("meter_id", "commodity_tp");
    static final Set<String> VIEW_REQUIRED = Set.of("meter_id", "commodity_tp", "comm_module_id");
    static final Set<String> LOCATION_REQUIRED = Set.of("location_no");
    static final Set<String> ACCOUNT_REQUIRED = Set.of("account_id", "location_no", "commodity_tp");
    static final Set<String> XREF_REQUIRED = Set.of("meter_id", "location_no", "active_dt", "inactive_dt");
    static final Set<String> INTERVAL_REQUIRED = Set.of("meter_id", "read_dtm", "read_value", "uom", "status");
    static final Set<String> REGISTER_REQUIRED = Set.of("meter_id", "read_dtm", "read_value", "uom", "status");

    private MetersenseTables() {
    }
}
