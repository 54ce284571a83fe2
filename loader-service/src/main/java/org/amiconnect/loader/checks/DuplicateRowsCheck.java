package org.amiconnect.loader.checks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.loader.sink.SqlDialect;
import org.amiconnect.loader.sink.WarehouseSink;

/** A check that passes when a query for duplicated keys finds none, and otherwise lists a few of them. */
abstract class DuplicateRowsCheck implements DataQualityCheck {

    private static final int EXAMPLES = 10;

    /** What is looked for, as error messages name it, e.g. "duplicate readings". */
    abstract String subject();

    /** The dialect's query returning one row per duplicated key. */
    abstract String duplicatesQuery(SqlDialect dialect);

    /** One duplicated key as an operator reads it. */
    abstract String example(ResultSet row) throws SQLException;

    abstract String passedMessage();

    abstract String failedMessage(long duplicates);

    @Override
    public final CheckResult run(WarehouseSink warehouse, CheckContext context) {
        return warehouse.read(subject(), (c, dialect) -> {
            String duplicates = duplicatesQuery(dialect);
            long count;
            try (PreparedStatement ps = c.prepareStatement(dialect.countOf(duplicates)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count == 0) {
                return CheckResult.passed(name(), passedMessage());
            }
            List<String> examples = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.firstRows(duplicates, EXAMPLES));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    examples.add(example(rs));
                }
            }
            return new CheckResult(name(), CheckStatus.FAILED, failedMessage(count), count, examples);
        });
    }
}
