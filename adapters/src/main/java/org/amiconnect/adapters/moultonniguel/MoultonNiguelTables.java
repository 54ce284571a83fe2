package org.amiconnect.adapters.moultonniguel;

import java.util.Set;

/**
 * The Moulton Niguel Redshift tables as the extractor queries them (python-ami-connect §2.7): plain SQL, columns read
 * by name.
 */
final class MoultonNiguelTables {

    static final String METER = "meter";
    static final String SERVICE_POINT = "service_point";
    static final String CUSTOMER = "customer";
    static final String AMI = "ami";
    static final String REGISTER_READ = "register_read";

    private MoultonNiguelTables() {
    }

    static String all(String table) {
        return "SELECT * FROM " + table;
    }

    /**
     * The meter rows, each meter's current row last (the latest end date, then start date; an open end is latest), so
     * the meter as the transformer keeps it is the predecessor's "current" one.
     */
    static final String METERS_CURRENT_LAST = "SELECT * FROM " + METER
            + " ORDER BY meter_id, end_date NULLS LAST, start_date NULLS FIRST";

    /** A read table's rows with datetime in [?, ?) (UTC instants), for known meters only. */
    static String reads(String table) {
        return "SELECT t.* FROM " + table + " t WHERE t.datetime >= ? AND t.datetime < ?"
                + " AND t.encid IN (SELECT m.meter_id FROM " + METER + " m)";
    }

    /**
     * Every meter row with its service point's address and each customer at its service address: the rows the meter
     * histories are built from, grouped by meter.
     */
    static final String METER_LINKS = "SELECT m.meter_id AS meter_id, m.start_date AS start_date,"
            + " m.end_date AS end_date, m.service_address AS service_address, m.service_point AS service_point,"
            + " sp.asset_address AS asset_address, sp.asset_city AS asset_city, sp.asset_zip AS asset_zip,"
            + " c.account_id AS account_id, c.start_date AS customer_start_date, c.end_date AS customer_end_date"
            + " FROM " + METER + " m"
            + " LEFT JOIN " + SERVICE_POINT + " sp ON sp.service_address = m.service_address"
            + " AND sp.service_point = m.service_point"
            + " LEFT JOIN " + CUSTOMER + " c ON c.service_address = m.service_address"
            + " WHERE m.meter_id IS NOT NULL"
            + " ORDER BY m.meter_id";

    static final Set<String> METER_REQUIRED = Set.of("id", "meter_id", "service_address", "service_point",
            "start_date", "end_date");
    static final Set<String> SERVICE_POINT_REQUIRED = Set.of("service_address", "service_point");
    static final Set<String> CUSTOMER_REQUIRED = Set.of("id", "account_id", "service_address", "start_date",
            "end_date");
    static final Set<String> AMI_REQUIRED = Set.of("id", "encid", "datetime", "consumption");
    static final Set<String> REGISTER_REQUIRED = Set.of("id", "encid", "datetime", "reg_read");
}
