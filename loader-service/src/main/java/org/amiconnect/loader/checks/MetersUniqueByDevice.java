package org.amiconnect.loader.checks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.loader.sink.WarehouseSink;

/** Every device has at most one current row in {@code meters} (the predecessor's meters-unique-by-device-id). */
public final class MetersUniqueByDevice implements DataQualityCheck {

    public static final String NAME = "meters-unique-by-device-id";
    private static final int EXAMPLES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(WarehouseSink warehouse, CheckContext context) {
        return warehouse.read("duplicate current meters", (c, dialect) -> {
            String duplicates = dialect.duplicateCurrentMeters();
            long count;
            try (PreparedStatement ps = c.prepareStatement(dialect.countOf(duplicates)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count == 0) {
                return CheckResult.passed(NAME, "every device has at most one current meter row");
            }
            List<String> examples = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.firstRows(duplicates, EXAMPLES));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    examples.add(rs.getString(1) + "/" + rs.getString(2) + ": " + rs.getLong(3) + " current rows");
                }
            }
            return new CheckResult(NAME, CheckStatus.FAILED, count + " device(s) have more than one current meter row",
                    count, examples);
        });
    }
}
