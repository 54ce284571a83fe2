package org.amiconnect.adapters.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How one database column becomes the text a raw record keeps: numbers in plain decimal notation without trailing
 * zeros ({@code 10.5}, {@code 3}), dates as {@code 2024-01-01}, naive timestamps as {@code 2024-01-01T01:00:00}
 * (Oracle {@code DATE}/{@code TIMESTAMP} as the database holds them: local time of the source), timestamps with a zone
 * as ISO-8601 with their offset ({@code 2023-01-01T00:00-07:00}), everything else as the driver's string; SQL NULL as
 * null.
 */
enum CellText {
    NUMBER, DATE, LOCAL_TIMESTAMP, ZONED_TIMESTAMP, TEXT;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /** The kind of column {@code column} (1-based), from its JDBC type and its database type name. */
    static CellText of(ResultSetMetaData meta, int column) throws SQLException {
        int type = meta.getColumnType(column);
        String name = String.valueOf(meta.getColumnTypeName(column)).toLowerCase(Locale.ROOT);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz") || name.contains("time zone")) {
            return ZONED_TIMESTAMP;
        }
        return switch (type) {
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> NUMBER;
            // a date without a time (the Oracle driver reports its DATE, which has one, as TIMESTAMP)
            case Types.DATE -> DATE;
            case Types.TIMESTAMP -> LOCAL_TIMESTAMP;
            default -> TEXT;
        };
    }

    /** The text of column {@code column} (1-based) of the current row. */
    String read(ResultSet rows, int column) throws SQLException {
        switch (this) {
            case NUMBER -> {
                BigDecimal d = rows.getBigDecimal(column);
                return d == null ? null : plain(d);
            }
            case DATE -> {
                LocalDate d = rows.getObject(column, LocalDate.class);
                return d == null ? null : d.toString();
            }
            case LOCAL_TIMESTAMP -> {
                LocalDateTime t = rows.getObject(column, LocalDateTime.class);
                return t == null ? null : LOCAL.format(t);
            }
            case ZONED_TIMESTAMP -> {
                OffsetDateTime t = rows.getObject(column, OffsetDateTime.class);
                return t == null ? null : t.toString();
            }
            default -> {
                return rows.getString(column);
            }
        }
    }

    /** {@code 10.50} → {@code 10.5}, {@code 1E+1} → {@code 10}. */
    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }
}
