package org.amiconnect.loader.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stages rows into a PostgreSQL table with {@code COPY ... FROM STDIN (FORMAT csv)} through pgjdbc's copy API: one
 * statement per batch, the rows streamed in chunks of about {@link #CHUNK_CHARS} characters, so nothing is bound
 * value by value (batched INSERTs spent about half of the loader thread binding parameters).
 *
 * <p>Encoding per {@link ColumnType}: text quoted ({@code "} doubled), so an empty string stays empty while an
 * unquoted empty field is NULL; numbers as Java prints them ({@code 1.0E-5}, {@code NaN}, {@code Infinity} are valid
 * {@code float8} input); timestamps (epoch microseconds) as ISO-8601 UTC instants ({@code 2026-01-01T00:00:00.5Z}).
 */
final class PostgresCopy {

    static final int CHUNK_CHARS = 1 << 20;

    private PostgresCopy() {
    }

    /**
     * Copies {@code rows} (values in {@code columns} order, typed as {@link Batch} stages them) into {@code table}.
     *
     * @param quotedTable the target table's name, already quoted for SQL
     * @throws SQLException as the server reports it (the copy is cancelled, the transaction must be rolled back)
     */
    static void copy(Connection connection, String quotedTable, List<String> quotedColumns, List<Column> columns,
            Collection<Object[]> rows) throws SQLException {
        String sql = "COPY " + quotedTable + " (" + quotedColumns.stream().collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(CHUNK_CHARS + 4096);
            for (Object[] row : rows) {
                appendRow(text, columns, row);
                if (text.length() >= CHUNK_CHARS) {
                    write(in, text);
                }
            }
            write(in, text);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** One CSV line of {@code row}, ending in a newline. Visible for tests. */
    static void appendRow(StringBuilder out, List<Column> columns, Object[] row) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = row[i];
            if (value == null) {
                continue; // unquoted empty: NULL
            }
            switch (columns.get(i).type()) {
                case TEXT -> appendQuoted(out, (String) value);
                case DOUBLE -> out.append(((Number) value).doubleValue());
                case INTEGER, BIGINT -> out.append(((Number) value).longValue());
                case TIMESTAMP -> out.append(Micros.toInstant(((Number) value).longValue()));
            }
        }
        out.append('\n');
    }

    private static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static void write(CopyIn in, StringBuilder text) throws SQLException {
        if (text.length() == 0) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }
}
