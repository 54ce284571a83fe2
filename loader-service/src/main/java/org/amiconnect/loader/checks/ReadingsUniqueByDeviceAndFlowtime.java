package org.amiconnect.loader.checks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.loader.sink.Micros;
import org.amiconnect.loader.sink.WarehouseSink;

/**
 * No reading is stored twice for the same org, device and flowtime (the predecessor's
 * readings-unique-by-device-id-and-flowtime). PostgreSQL and DuckDB enforce this with a primary key; Snowflake does
 * not enforce keys, so there this check is what notices a broken merge.
 */
public final class ReadingsUniqueByDeviceAndFlowtime implements DataQualityCheck {

    public static final String NAME = "readings-unique-by-device-id-and-flowtime";
    private static final int EXAMPLES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(WarehouseSink warehouse, CheckContext context) {
        return warehouse.read("duplicate readings", (c, dialect) -> {
            String duplicates = dialect.duplicateReadings();
            long count;
            try (PreparedStatement ps = c.prepareStatement(dialect.countOf(duplicates)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count == 0) {
                return CheckResult.passed(NAME, "no reading is stored twice");
            }
            List<String> examples = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.firstRows(duplicates, EXAMPLES));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    examples.add(rs.getString(1) + "/" + rs.getString(2) + " at " + Micros.toInstant(rs.getLong(3))
                            + ": " + rs.getLong(4) + " rows");
                }
            }
            return new CheckResult(NAME, CheckStatus.FAILED, count + " reading(s) are stored more than once", count,
                    examples);
        });
    }
}
