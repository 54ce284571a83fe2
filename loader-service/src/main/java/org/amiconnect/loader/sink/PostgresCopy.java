package org.amiconnect.loader.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stages rows into a PostgreSQL table with {@code COPY ... FROM STDIN (FORMAT binary)} through pgjdbc's copy API: one
 * statement per batch, the rows streamed in chunks of about {@link #CHUNK_BYTES} bytes, so nothing is bound value by
 * value (batched INSERTs spent about half of the loader thread binding parameters) and nothing is formatted as text
 * (CSV spent a quarter of the loader thread printing instants and doubles).
 *
 * <p>Encoding per {@link ColumnType}, as the staging columns' binary receive functions read it: text as UTF-8 bytes
 * (the connection's client encoding; pgjdbc always uses UTF8), doubles as IEEE 754 big-endian, integers as 4 and
 * bigints as 8 big-endian bytes, timestamps (epoch microseconds) as microseconds since 2000-01-01T00:00Z, a NULL as
 * length -1.
 */
final class PostgresCopy {

    static final int CHUNK_BYTES = 1 << 20;
    /** The binary COPY signature, then flags (no OIDs) and the header extension's length, both 0. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix epoch microseconds. */
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

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
                + ") FROM STDIN (FORMAT binary)";
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            Buffer out = new Buffer(CHUNK_BYTES + 4096);
            out.put(HEADER);
            ColumnType[] types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
            for (Object[] row : rows) {
                appendRow(out, types, row);
                if (out.size >= CHUNK_BYTES) {
                    write(in, out);
                }
            }
            out.putShort(-1); // the trailer
            write(in, out);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** One binary COPY tuple of {@code row}: the field count, then each field's length and bytes. */
    static void appendRow(Buffer out, ColumnType[] types, Object[] row) {
        out.putShort(types.length);
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            if (value == null) {
                out.putInt(-1);
                continue;
            }
            switch (types[i]) {
                case TEXT -> {
                    byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                    out.putInt(bytes.length);
                    out.put(bytes);
                }
                case DOUBLE -> {
                    out.putInt(8);
                    out.putLong(Double.doubleToRawLongBits(((Number) value).doubleValue()));
                }
                case INTEGER -> {
                    out.putInt(4);
                    out.putInt(((Number) value).intValue());
                }
                case BIGINT -> {
                    out.putInt(8);
                    out.putLong(((Number) value).longValue());
                }
                case TIMESTAMP -> {
                    out.putInt(8);
                    out.putLong(((Number) value).longValue() - POSTGRES_EPOCH_MICROS);
                }
            }
        }
    }

    private static void write(CopyIn in, Buffer out) throws SQLException {
        if (out.size == 0) {
            return;
        }
        in.writeToCopy(out.bytes, 0, out.size);
        out.size = 0;
    }

    /** A growable big-endian byte buffer: what is sent to the server next. */
    static final class Buffer {
        byte[] bytes;
        int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void putShort(int v) {
            ensure(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void putInt(int v) {
            ensure(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
