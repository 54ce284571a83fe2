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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    String subject() {
        return "duplicate readings";
    }

    @Override
    String duplicatesQuery(SqlDialect dialect) {
        return dialect.duplicateReadings();
    }

    @Override
    String example(ResultSet row) throws SQLException {
        return row.getString(1) + "/" + row.getString(2) + " at " + Micros.toInstant(row.getLong(3)) + ": "
                + row.getLong(4) + " rows";
    }

    @Override
    String passedMessage() {
        return "no reading is stored twice";
    }

    @Override
    String failedMessage(long duplicates) {
        return duplicates + " reading(s) are stored more than once";
    }
}
