package org.amiconnect.adapters.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Runs one query and hands its rows to a consumer as they arrive, {@code fetchSize} rows per round trip, so a table
 * of any size is never held whole. The connection must not be in auto-commit mode (PostgreSQL and Redshift only
 * stream with a cursor inside a transaction); the query only reads.
 */
public final class TableStream {

    /** What is done with each row (the result set is positioned on it). */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet row) throws SQLException, InterruptedException;
    }

    /** Called once before the first row, with the result set (for its metadata). */
    @FunctionalInterface
    public interface Start {
        void start(ResultSet rows) throws Exception;
    }

    private TableStream() {
    }

    /**
     * @param params bound in order ({@code java.time} values, strings, numbers)
     * @return the number of rows handled
     * @throws InterruptedException when the thread is interrupted between rows (the query is cancelled)
     */
    public static long run(Connection connection, String sql, List<Object> params, int fetchSize,
            Duration queryTimeout, Start start, RowHandler handler) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, queryTimeout.toSeconds())));
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            long count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                start.start(rows);
                while (rows.next()) {
                    if (Thread.currentThread().isInterrupted()) {
                        statement.cancel();
                        throw new InterruptedException("extract interrupted while reading: " + sql);
                    }
                    handler.row(rows);
                    count++;
                }
            }
            return count;
        }
    }
}
