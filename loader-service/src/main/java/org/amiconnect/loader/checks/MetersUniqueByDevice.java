package org.amiconnect.loader.checks;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.amiconnect.loader.sink.SqlDialect;

/** Every device has at most one current row in {@code meters} (the predecessor's meters-unique-by-device-id). */
public final class MetersUniqueByDevice extends DuplicateRowsCheck {

    public static final String NAME = "meters-unique-by-device-id";

    public MetersUniqueByDevice() {
        super(NAME, "duplicate current meters", SqlDialect::duplicateCurrentMeters,
                "every device has at most one current meter row",
                duplicates -> duplicates + " device(s) have more than one current meter row");
    }

    @Override
    String example(ResultSet row) throws SQLException {
        return row.getString(1) + "/" + row.getString(2) + ": " + row.getLong(3) + " current rows";
    }
}
