package org.amiconnect.loader.checks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.amiconnect.loader.sink.SqlDialect;
import org.amiconnect.loader.sink.WarehouseSink;

/** A check that passes when a query for duplicated keys finds none, and otherwise lists a few of them. */
abstract class DuplicateRowsCheck implements DataQualityCheck {

    private static final int EXAMPLES = 10;

    private final String name;
    private final String subject;
    private final Function<SqlDialect, String> duplicatesQuery;
    private final String passedMessage;
    private final LongFunction<String> failedMessage;

    /**
     * @param name the check's name in config and reports
     * @param subject what is looked for, as error messages name it, e.g. "duplicate readings"
     * @param duplicatesQuery the dialect's query returning one row per duplicated key
     * @param passedMessage the report line when there is none
     * @param failedMessage the report line for a number of duplicated keys
     */
    DuplicateRowsCheck(String name, String subject, Function<SqlDialect, String> duplicatesQuery, String passedMessage,
            LongFunction<String> failedMessage) {
        this.name = name;
        this.subject = subject;
        this.duplicatesQuery = duplicatesQuery;
        this.passedMessage = passedMessage;
        this.failedMessage = failedMessage;
    }

    /** One duplicated key as an operator reads it. */
    abstract String example(ResultSet row) throws SQLException;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final CheckResult run(WarehouseSink warehouse, CheckContext context) {
        return warehouse.read(subject, (c, dialect) -> {
            String duplicates = duplicatesQuery.apply(dialect);
            long count;
            try (PreparedStatement ps = c.prepareStatement(dialect.countOf(duplicates)); ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count == 0) {
                return CheckResult.passed(name, passedMessage);
            }
            List<String> examples = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.firstRows(duplicates, EXAMPLES));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    examples.add(example(rs));
                }
            }
            return new CheckResult(name, CheckStatus.FAILED, failedMessage.apply(count), count, examples);
        });
    }
}
