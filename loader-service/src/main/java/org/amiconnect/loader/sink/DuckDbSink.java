package org.amiconnect.loader.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.amiconnect.core.config.SinkConfig;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default warehouse: a DuckDB database file. Batches are staged with DuckDB's appender, which writes
 * columnar chunks directly instead of going through SQL parameters.
 */
public final class DuckDbSink extends JdbcWarehouseSink {

    private static final Logger log = LoggerFactory.getLogger(DuckDbSink.class);
    /** DuckDB's catalog and schema of temporary tables. */
    private static final String TEMP_CATALOG = "temp";
    private static final String TEMP_SCHEMA = "main";

    /**
     * False with {@code -Damiconnect.duckdb.append-new-rows=false}: every batch then merges its readings, also in a
     * file whose readings have their primary key (see {@link #appendsNewRows}).
     */
    private static final boolean APPEND_NEW_ROWS = !"false".equalsIgnoreCase(
            System.getProperty("amiconnect.duckdb.append-new-rows", "true").trim());

    /**
     * DuckDB's {@code memory_limit} unless {@code -Damiconnect.duckdb.memory-limit} sets one (see
     * {@link #openConnection}).
     */
    public static final String DEFAULT_MEMORY_LIMIT = "256MB";

    /**
     * The {@code memory_limit} this JVM's DuckDB sinks open their database with:
     * {@code -Damiconnect.duckdb.memory-limit} as DuckDB reads it (e.g. {@code 512MB}, {@code 1GiB}), else
     * {@value #DEFAULT_MEMORY_LIMIT}.
     */
    public static String memoryLimit() {
        return System.getProperty("amiconnect.duckdb.memory-limit", DEFAULT_MEMORY_LIMIT);
    }

    /**
     * DuckDB's worker threads as {@code -Damiconnect.duckdb.threads} sets them, or empty for DuckDB's default, one per
     * core. One thread made a 2.4 M-read run on two cores 10-20 % faster, but not a 24 M-read run, where the writer's
     * scans of large tables are what the run waits for (benchmarks/TUNING.md, "Tuning round 10").
     *
     * @throws IllegalArgumentException when the property is not a whole number of at least 1
     */
    public static OptionalInt threads() {
        return threads(System.getProperty("amiconnect.duckdb.threads"));
    }

    /** {@link #threads()} for a property value, {@code null} when unset. */
    static OptionalInt threads(String configured) {
        if (configured == null) {
            return OptionalInt.empty();
        }
        try {
            int threads = Integer.parseInt(configured.trim());
            if (threads >= 1) {
                return OptionalInt.of(threads);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Damiconnect.duckdb.threads must be a whole number of at least 1, not '"
                + configured + "'");
    }

    /** Size of the write-ahead log at which a commit checkpoints it into the file (see {@link #openConnection}). */
    static final String CHECKPOINT_THRESHOLD = "256MB";

    /**
     * One lock per database file in this process: two sinks (loaders) on one file share DuckDB's database instance, so
     * one's commit may checkpoint into the file while the other copies it. Batches take it shared, a snapshot refresh
     * exclusively: the copy is then not torn, and two refreshes do not write the same {@code .next} file at once.
     */
    private static final Map<Path, ReadWriteLock> FILE_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReadWriteLock fileLock;
    /** Read side of the snapshot copy, open while the database is (see {@link #refreshSnapshot}). */
    private FileChannel snapshotSource;
    /** Per table appended into, its stored column order (see {@link #storedColumns}); cleared when that may change. */
    private final Map<String, int[]> storedColumns = new HashMap<>();
    /** Per keyed table, whether the file has its primary key (see {@link #appendsNewRows}); cleared like the above. */
    private final Map<String, Boolean> keyEnforced = new HashMap<>();

    /** Opens (or creates) the database file, creating its directory when missing. */
    public DuckDbSink(Path file) {
        super(new DuckDbDialect(), "duckdb " + file.toAbsolutePath());
        this.file = file.toAbsolutePath();
        this.fileLock = FILE_LOCKS.computeIfAbsent(this.file.normalize(), f -> new ReentrantReadWriteLock());
        try {
            Path dir = this.file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            connection();
        } catch (IOException | SQLException e) {
            throw new WarehouseException("Cannot open DuckDB database " + this.file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The read-only snapshot of a DuckDB warehouse file: {@code warehouse.duckdb} → {@code warehouse.snapshot.duckdb}
     * beside it. A running loader refreshes it ({@link #refreshSnapshot}); open it with {@code duckdb -readonly}.
     */
    public static Path snapshotOf(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".duckdb") ? name.substring(0, name.length() - ".duckdb".length()) : name;
        return file.toAbsolutePath().resolveSibling(stem + ".snapshot.duckdb");
    }

    /**
     * Checkpoints the database (every committed batch moves from the write-ahead log into the file) and copies the file
     * beside it, then moves the copy over the snapshot at once: a reader that has the old snapshot open keeps reading
     * it, the next one opens the new one. The loader calls this between batches (none of its own in flight), and
     * batches of other sinks on the same file in this process wait for it ({@link #FILE_LOCKS}), so nothing is written
     * while the bytes are copied. A file copy is sequential I/O with no DuckDB memory:
     * {@code COPY FROM DATABASE}, used before, rebuilt every table and index and took ~40 s and 0.5–1 GiB at 2.4 M
     * readings (benchmarks/TUNING.md, "Memory").
     *
     * <p>The file is read through one channel kept open until the database is closed: DuckDB guards the file with a
     * POSIX record lock, which the process loses as soon as it closes <em>any</em> descriptor of the file, so a copy
     * that opened and closed the file each time would let another process open the live warehouse.
     *
     * @throws WarehouseException when the checkpoint or the copy fails; the previous snapshot is left as it was
     */
    @Override
    public void refreshSnapshot() {
        fileLock.writeLock().lock();
        try {
            copySnapshot();
        } finally {
            fileLock.writeLock().unlock();
        }
    }

    /** Writes a batch; shares the file with other sinks' batches in this process, not with a snapshot refresh. */
    @Override
    public BatchResult writeBatch(Batch batch) {
        fileLock.readLock().lock();
        try {
            return super.writeBatch(batch);
        } finally {
            fileLock.readLock().unlock();
        }
    }

    private void copySnapshot() {
        Path snapshot = snapshotOf(file);
        Path next = snapshot.resolveSibling(snapshot.getFileName() + ".next");
        try {
            Connection c = connection();
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            } finally {
                c.setAutoCommit(false);
            }
            if (snapshotSource == null) {
                snapshotSource = FileChannel.open(file, StandardOpenOption.READ);
            }
            try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long size = snapshotSource.size();
                for (long copied = 0; copied < size; ) {
                    copied += snapshotSource.transferTo(copied, size - copied, out);
                }
            }
            Files.move(next, snapshot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | SQLException e) {
            try {
                Files.deleteIfExists(next);
            } catch (IOException ignored) {
                // the next refresh replaces it
            }
            throw new WarehouseException("Cannot refresh the snapshot " + snapshot + " of DuckDB database " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Closes the database, then the snapshot's channel (closing it first would drop DuckDB's lock on the file). */
    @Override
    public void close() {
        super.close();
        if (snapshotSource != null) {
            try {
                snapshotSource.close();
            } catch (IOException ignored) {
                // a read-only channel: nothing is lost
            }
            snapshotSource = null;
        }
    }

    /**
     * Opens the database with DuckDB's memory bounded: its buffer pool otherwise grows to 80 % of the machine's RAM
     * as the file grows, beside the JVM's heap. {@code -Damiconnect.duckdb.memory-limit} changes the bound (default
     * {@value #DEFAULT_MEMORY_LIMIT}: DuckDB writes blocks back to the file and spills to a temporary directory beyond
     * it; filling 24 M readings ran within 256MB as fast as within 512MB, and the 24 M-read end-to-end run completes
     * within it, while within 128MB its merges failed with "Out of Memory" from ~13 M readings on,
     * benchmarks/TUNING.md, "Tuning round 8"); {@code -Damiconnect.duckdb.threads} sets its worker threads
     * ({@link #threads()}).
     *
     * <p>The write-ahead log is checkpointed into the file when it reaches {@link #CHECKPOINT_THRESHOLD} (DuckDB's
     * default is 16 MiB, which checkpointed every few batches and made those commits 3-10 times slower) or when the
     * loader refreshes the snapshot; {@code -Damiconnect.duckdb.checkpoint-threshold} changes it. Durability is the
     * same: a commit is in the log either way, and a larger log only takes longer to replay on the next open.
     */
    @Override
    protected Connection openConnection() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement s = c.createStatement()) {
            // SET, not connection properties: DuckDB refuses a second in-process connection to the file (a reader,
            // a check) whose configuration differs from the first one's; these settings are the database's
            s.execute("SET memory_limit = " + sqlString(memoryLimit()));
            OptionalInt threads = threads();
            if (threads.isPresent()) {
                s.execute("SET threads = " + threads.getAsInt());
            }
            s.execute("SET checkpoint_threshold = " + sqlString(System.getProperty(
                    "amiconnect.duckdb.checkpoint-threshold", CHECKPOINT_THRESHOLD)));
            // timestamps are instants: with UTC they print and compare the same everywhere
            s.execute("SET TimeZone = 'UTC'");
        }
        c.setAutoCommit(false);
        storedColumns.clear();
        keyEnforced.clear();
        return c;
    }

    /** Creates or upgrades the tables, then forgets their column orders: an upgrade adds columns at the end. */
    @Override
    public void createTables(List<RawTable> rawTables) {
        storedColumns.clear();
        keyEnforced.clear();
        super.createTables(rawTables);
    }

    private static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    protected void stage(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException {
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        // staging tables are created anew from the definition, so their columns are in its order
        append(duck.createAppender(TEMP_CATALOG, TEMP_SCHEMA, dialect().stagingName(table)), table,
                definitionOrder(table), rows);
    }

    /**
     * Tables whose key the file enforces with a primary key: only {@code readings} of a file created before readings
     * lost their key index ({@link DuckDbDialect}). That index rejects a key that exists already, so new rows are
     * appended straight into the table, with no staging table and no merge. In the load stage (480 k readings, batches
     * of 50 k) a batch's write went from ~270 to ~210 ms (median), 8–25 % more rows/s (benchmarks/TUNING.md, "Tuning
     * round 4: loader"). Other tables, and readings of newer files, are merged ({@link DuckDbDialect#keyedMerge}).
     */
    @Override
    protected boolean appendsNewRows(TableDef table) {
        if (table.key().isEmpty() || table.keyNullable() || !APPEND_NEW_ROWS) {
            return false;
        }
        return keyEnforced.computeIfAbsent(table.name(), this::hasPrimaryKey);
    }

    /** Whether the file's table has a primary key; false when the catalog cannot be read (the merge works anyway). */
    private boolean hasPrimaryKey(String table) {
        try (PreparedStatement ps = connection().prepareStatement("SELECT count(*) FROM duckdb_constraints() "
                + "WHERE schema_name = current_schema() AND table_name = ? AND constraint_type = 'PRIMARY KEY'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            log.warn("Cannot tell whether table {} of {} has a primary key, so its rows are merged: {}", table, file,
                    e.getMessage());
            return false;
        }
    }

    @Override
    protected void appendNew(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // the appender joins the connection's transaction only once one is open (the driver opens it lazily, at
            // the next statement); without one, each of its chunks would commit on its own
            s.execute("SELECT 1");
        }
        int[] order = storedColumns.get(table.name());
        if (order == null) {
            order = storedColumns(connection, table);
            storedColumns.put(table.name(), order);
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        append(duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name()), table, order, rows);
    }

    /**
     * The table's columns in the order the database stores them, each as the index of its column in {@code table}'s
     * definition, or -1 for a stored column the definition lacks (appended as NULL). DuckDB's appender fills a row's
     * columns in stored order, and that order differs from the definition's once an upgrade has added a column
     * ({@code ALTER TABLE … ADD COLUMN} puts it last) or a release has moved one.
     */
    private int[] storedColumns(Connection connection, TableDef table) throws SQLException {
        List<Integer> order = new ArrayList<>();
        List<Column> defined = table.columns();
        try (PreparedStatement ps = connection.prepareStatement(dialect().selectColumnNames())) {
            ps.setString(1, dialect().catalogName(table.name()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    int index = -1;
                    for (int i = 0; i < defined.size(); i++) {
                        if (defined.get(i).name().equalsIgnoreCase(name)) {
                            index = i;
                        }
                    }
                    order.add(index);
                }
            }
        }
        if (order.isEmpty()) {
            throw new SQLException("Table " + table.name() + " of " + file + " has no columns to append to");
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] definitionOrder(TableDef table) {
        int[] order = new int[table.columns().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    /** DuckDB reports an existing key of an appended row as a constraint error naming the duplicate key. */
    @Override
    protected boolean isKeyConflict(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Duplicate key") || message.contains("constraint violation");
    }

    /**
     * @param order for each column of the appended-to table in stored order, the index of its value in a row (a
     *     column of {@code table}'s definition), or -1 to append NULL
     */
    private static void append(DuckDBAppender opened, TableDef table, int[] order, Collection<Object[]> rows)
            throws SQLException {
        ColumnType[] types = table.columns().stream().map(Column::type).toArray(ColumnType[]::new);
        try (DuckDBAppender appender = opened) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (int column : order) {
                    if (column < 0) {
                        appender.appendNull();
                    } else {
                        append(appender, types[column], row[column]);
                    }
                }
                appender.endRow();
            }
            // flushed here, not by close: close leaves an error of the last rows (a duplicate key) unreported, and the
            // transaction aborted
            appender.flush();
        }
    }

    private static void append(DuckDBAppender appender, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type) {
            case TEXT -> appender.append((String) value);
            case DOUBLE -> appender.append(((Number) value).doubleValue());
            case INTEGER -> appender.append(((Number) value).intValue());
            case BIGINT -> appender.append(((Number) value).longValue());
            case TIMESTAMP -> appender.appendEpochMicros(((Number) value).longValue());
        }
    }

    /** Sink type {@code duckdb}: a database file at the sink's {@code path}. */
    public static final class Provider implements WarehouseProvider {

        @Override
        public SqlDialect dialect() {
            return new DuckDbDialect();
        }

        @Override
        public WarehouseSink open(SinkConfig sink) {
            return new DuckDbSink(sink.path());
        }
    }
}
