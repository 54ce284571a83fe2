package org.amiconnect.loader.checks;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.amiconnect.loader.sink.Micros;
import org.amiconnect.loader.sink.SqlDialect;

/**
 * No reading is stored twice for the same org, device and flowtime (the predecessor's
 * readings-unique-by-device-id-and-flowtime). PostgreSQL and DuckDB enforce this with a primary key; Snowflake does
 * not enforce keys, so there this check is what notices a broken merge.
 */
public final class ReadingsUniqueByDeviceAndFlowtime extends DuplicateRowsCheck {

    public static final String NAME = "readings-unique-by-device-id-and-flowtime";

    public ReadingsUniqueByDeviceAndFlowtime() {
        super(NAME, "duplicate readings", SqlDialect::duplicateReadings, "no reading is stored twice",
                duplicates -> duplicates + " reading(s) are stored more than once");
    }

    @Override
    String example(ResultSet row) throws SQLException {
        return row.getString(1) + "/" + row.getString(2) + " at " + Micros.toInstant(row.getLong(3)) + ": "
                + row.getLong(4) + " rows";
    }
}
