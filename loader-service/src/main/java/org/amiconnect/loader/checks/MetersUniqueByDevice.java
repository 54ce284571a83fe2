package org.amiconnect.loader.checks;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.amiconnect.loader.sink.SqlDialect;

/** Every device has at most one current row in {@code meters} (the predecessor's meters-unique-by-device-id). */
public final class MetersUniqueByDevice extends DuplicateRowsCheck {

    public static final String NAME = "meters-unique-by-device-id";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    String subject() {
        return "duplicate current meters";
    }

    @Override
    String duplicatesQuery(SqlDialect dialect) {
        return dialect.duplicateCurrentMeters();
    }

    @Override
    String example(ResultSet row) throws SQLException {
        return row.getString(1) + "/" + row.getString(2) + ": " + row.getLong(3) + " current rows";
    }

    @Override
    String passedMessage() {
        return "every device has at most one current meter row";
    }

    @Override
    String failedMessage(long duplicates) {
        return duplicates + " device(s) have more than one current meter row";
    }
}
