package org.amiconnect.loader.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.amiconnect.core.sink.StoredOffset;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loading logic shared by the JDBC warehouses: each table of a batch is staged into a temporary table and merged
 * into its target with the dialect's SQL, then the consumed offsets and the batch's extract-run counts are stored, all
 * in one transaction. Subclasses open the connection and stage rows in the fastest way their driver offers.
 *
 * <p>Staging tables are created once per connection, in a transaction of their own before any batch: in Snowflake
 * every DDL statement commits the open transaction, so creating one in the middle of a batch would commit half of it.
 */
public abstract class JdbcWarehouseSink implements WarehouseSink {

    private static final Logger log = LoggerFactory.getLogger(JdbcWarehouseSink.class);
    /** Most run ids per IN list, well below every driver's parameter limit. */
    private static final int RUN_IDS_PER_QUERY = 500;

    private final SqlDialect dialect;
    private final String description;
    private Connection connection;
    /** The staging tables the current connection has created. */
    private final Set<String> staged = new HashSet<>();
    private volatile Runnable beforeCommit = () -> { };
    /** Batches a conflicting append makes merge without trying to append first ({@link #writeBatch}). */
    static final int MERGES_AFTER_KEY_CONFLICT = 8;
    /** Batches left that merge their readings without trying to append them first. */
    private int mergesLeft;

    protected JdbcWarehouseSink(SqlDialect dialect, String description) {
        this.dialect = dialect;
        this.description = description;
    }

    /** Opens a connection with auto-commit off and the session time zone set to UTC. */
    protected abstract Connection openConnection() throws SQLException;

    /**
     * Appends rows to the (empty) staging table of {@code table} inside the current transaction. Values are typed
     * as {@link ColumnType} describes; timestamps are epoch microseconds.
     */
    protected abstract void stage(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException;

    /**
     * Stages rows with a batched parameterized INSERT, {@code chunk} rows per round trip: the portable way, for sinks
     * without a bulk-load API. {@link #bindStaged} binds one value.
     */
    protected final void stageWithBatchedInserts(Connection connection, TableDef table, Collection<Object[]> rows,
            int chunk) throws SQLException {
        List<Column> columns = table.columns();
        String sql = "INSERT INTO " + dialect.quote(dialect.stagingName(table)) + " ("
                + String.join(", ", columns.stream().map(c -> dialect.quote(c.name())).toList()) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    bindStaged(ps, i + 1, columns.get(i).type(), row[i]);
                }
                ps.addBatch();
                if (++pending == chunk) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * Binds one staged value for {@link #stageWithBatchedInserts}: text, numbers and nulls as their JDBC types,
     * timestamps (epoch microseconds) through {@link #bindStagedTimestamp} and {@link #stagedTimestampSqlType}.
     */
    private void bindStaged(PreparedStatement ps, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (type) {
                case TEXT -> Types.VARCHAR;
                case DOUBLE -> Types.DOUBLE;
                case INTEGER -> Types.INTEGER;
                case BIGINT -> Types.BIGINT;
                case TIMESTAMP -> stagedTimestampSqlType();
            });
            return;
        }
        switch (type) {
            case TEXT -> ps.setString(index, (String) value);
            case DOUBLE -> ps.setDouble(index, ((Number) value).doubleValue());
            case INTEGER -> ps.setInt(index, ((Number) value).intValue());
            case BIGINT -> ps.setLong(index, ((Number) value).longValue());
            case TIMESTAMP -> bindStagedTimestamp(ps, index, ((Number) value).longValue());
        }
    }

    /** The {@link Types} of a staged timestamp column, for its nulls: by default a timestamp with time zone. */
    protected int stagedTimestampSqlType() {
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }

    /** Binds a staged timestamp given in epoch microseconds: by default as a UTC {@link OffsetDateTime}. */
    protected void bindStagedTimestamp(PreparedStatement ps, int index, long micros) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(Micros.toInstant(micros), ZoneOffset.UTC));
    }

    /** Binds an instant to a parameter written as {@link SqlDialect#timestampParameter()}. */
    protected void bindTimestamp(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
    }

    /** Runs just before each batch's commit, after every write; fault-injection tests stop the process there. */
    void beforeCommit(Runnable hook) {
        this.beforeCommit = Objects.requireNonNull(hook, "hook");
    }

    /** The open connection, reopened when the last one broke. */
    protected Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed() && connection.isValid(5)) {
            return connection;
        }
        if (connection != null) {
            log.warn("Connection to {} is no longer valid; reconnecting", description);
            closeQuietly();
        }
        connection = openConnection();
        staged.clear();
        return connection;
    }

    @Override
    public void createTables(List<RawTable> rawTables) {
        Connection c = null;
        try {
            c = connection();
            try (Statement s = c.createStatement()) {
                for (TableDef table : dialect.tables(rawTables)) {
                    for (String sql : dialect.createTable(table)) {
                        s.execute(sql);
                    }
                    addMissingColumns(c, s, table);
                    updateKeyConstraint(c, s, table);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw new WarehouseException("Cannot create the tables of " + description + ": " + e.getMessage(), e);
        }
    }

    private void addMissingColumns(Connection c, Statement s, TableDef table) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.selectColumnNames())) {
            ps.setString(1, dialect.catalogName(table.name()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Column column : table.columns()) {
            if (!existing.contains(column.name())) {
                log.info("Adding column {} to table {} of {}", column.name(), table.name(), description);
                s.execute(dialect.addColumn(table.name(), column));
            }
        }
    }

    /** Replaces a key constraint an older release created with fewer columns (a raw table's key grew). */
    private void updateKeyConstraint(Connection c, Statement s, TableDef table) throws SQLException {
        Optional<String> select = dialect.selectKeyConstraintColumns();
        if (select.isEmpty() || dialect.replaceKeyConstraint(table).isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(select.get())) {
            ps.setString(1, dialect.catalogName(table.name()));
            ps.setString(2, dialect.keyConstraintName(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (!existing.equals(Set.copyOf(table.key()))) {
            log.info("Changing the key of table {} of {} from {} to {}", table.name(), description, existing,
                    table.key());
            for (String sql : dialect.replaceKeyConstraint(table)) {
                s.execute(sql);
            }
        }
    }

    @Override
    public Map<TopicPartition, StoredOffset> storedPositions(String consumerGroup) {
        return read("the stored offsets of consumer group " + consumerGroup, (c, d) -> {
            Map<TopicPartition, StoredOffset> offsets = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(d.selectOffsets())) {
                ps.setString(1, consumerGroup);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)),
                                new StoredOffset(rs.getLong(3), rs.getString(4)));
                    }
                }
            }
            return offsets;
        });
    }

    /**
     * Writes the batch in one transaction. Where the sink {@link #appendsNewRows appends new rows} the readings are
     * first appended straight into their table; when one of their keys exists already the table's key constraint
     * rejects the append, the transaction is rolled back and the batch is written again with the merge, as are the
     * next {@link #MERGES_AFTER_KEY_CONFLICT} batches (a replay or re-extract overwrites many batches in a row).
     */
    @Override
    public BatchResult writeBatch(Batch batch) {
        boolean append = !batch.readingRows().isEmpty() && appendsNewRows(WarehouseTables.READINGS);
        if (append && mergesLeft > 0) {
            mergesLeft--;
            append = false;
        }
        if (append) {
            try {
                return write(batch, true);
            } catch (KeysExist e) {
                mergesLeft = MERGES_AFTER_KEY_CONFLICT;
                log.debug("Batch of {} records: some of its readings are in {} already ({}); merging it instead",
                        batch.records(), description, e.getMessage());
            }
        }
        return write(batch, false);
    }

    /** Thrown by {@link #write} when appending readings found one of their keys in the table (rolled back). */
    private static final class KeysExist extends RuntimeException {
        KeysExist(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** @param appendReadings append the readings straight into their table (no merge) */
    private BatchResult write(Batch batch, boolean appendReadings) {
        Connection c = null;
        String step = "connect";
        Laps laps = new Laps(log.isDebugEnabled());
        try {
            c = connection();
            step = "create staging tables";
            prepareStagingTables(c, batch);
            long readings = 0;
            if (!batch.readingRows().isEmpty() && appendReadings) {
                step = "append readings";
                appendNew(c, WarehouseTables.READINGS, batch.readingRows());
                readings = batch.readingRows().size();
                laps.lap("append readings");
            } else if (!batch.readingRows().isEmpty()) {
                step = "upsert readings";
                readings = upsert(c, WarehouseTables.READINGS, batch.readingRows(), laps);
            }
            long closed = 0;
            long inserted = 0;
            if (!batch.meters().isEmpty()) {
                step = "merge meters";
                clearStaging(c, WarehouseTables.METER_VERSIONS);
                stage(c, WarehouseTables.METER_VERSIONS,
                        batch.meters().stream().map(WarehouseTables::meterVersionRow).toList());
                try (Statement s = c.createStatement()) {
                    closed = s.executeUpdate(dialect.closeChangedMeters());
                    inserted = s.executeUpdate(dialect.insertNewMeterVersions());
                    inserted += s.executeUpdate(dialect.insertOlderMeterVersions());
                    s.executeUpdate(dialect.shortenOverlappedMeterVersions());
                }
                laps.lap("meters");
            }
            Map<String, Long> raw = new LinkedHashMap<>();
            for (RawTable table : batch.rawTables()) {
                step = "upsert raw table " + table.name();
                raw.put(table.name(), upsert(c, table.definition(), batch.rawRows(table), laps));
            }
            step = "store extract-run counts";
            storeRunLoads(c, batch);
            step = "store offsets";
            storeOffsets(c, batch);
            laps.lap("runs+offsets");
            step = "commit";
            beforeCommit.run();
            c.commit();
            laps.lap("commit");
            if (laps.on()) {
                log.debug("Batch of {} records written to {}: {}", batch.records(), description, laps);
            }
            return new BatchResult(readings, inserted, closed, raw);
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            if (appendReadings && e instanceof SQLException sql && isKeyConflict(sql)) {
                throw new KeysExist(sql);
            }
            throw new WarehouseException("Cannot write a batch of " + batch.records() + " records to " + description
                    + " (" + step + "): " + e.getMessage(), e);
        }
    }

    /**
     * True when {@link #appendNew} can append rows of {@code table} straight into it, its key constraint rejecting a
     * key that exists already ({@link #isKeyConflict}): a batch of new rows then needs no staging and no merge. False
     * by default.
     */
    protected boolean appendsNewRows(TableDef table) {
        return false;
    }

    /**
     * Appends rows straight into {@code table} inside the current transaction (open already); called only when
     * {@link #appendsNewRows} is true for it. Values are typed as for {@link #stage}.
     *
     * @throws SQLException for which {@link #isKeyConflict} is true when a row's key exists in the table; the caller
     *     then rolls the transaction back
     */
    protected void appendNew(Connection connection, TableDef table, Collection<Object[]> rows) throws SQLException {
        throw new UnsupportedOperationException(description + " cannot append rows without a merge");
    }

    /** True when the error says that an appended row's key exists already ({@link #appendNew}). */
    protected boolean isKeyConflict(SQLException e) {
        return false;
    }

    private long upsert(Connection c, TableDef table, Collection<Object[]> rows, Laps laps) throws SQLException {
        clearStaging(c, table);
        stage(c, table, rows);
        laps.lap("stage " + table.name());
        Optional<SqlDialect.KeyedMerge> keyed = dialect.keyedMerge(table);
        try (Statement s = c.createStatement()) {
            if (keyed.isPresent()) {
                int updated = s.executeUpdate(keyed.get().update());
                s.executeUpdate(updated == 0 ? keyed.get().insertAll() : keyed.get().insertMissing());
            } else {
                for (String sql : dialect.upsertFromStaging(table, keysWithNulls(table, rows))) {
                    s.executeUpdate(sql);
                }
            }
        }
        laps.lap("merge " + table.name());
        return rows.size();
    }

    /** The key columns of {@code table} with a NULL in any of {@code rows}; none when the key is never NULL. */
    static Set<String> keysWithNulls(TableDef table, Collection<Object[]> rows) {
        if (!table.keyNullable()) {
            return Set.of();
        }
        Set<String> withNulls = new HashSet<>();
        List<String> names = table.columnNames();
        for (String k : table.key()) {
            int index = names.indexOf(k);
            for (Object[] row : rows) {
                if (row[index] == null) {
                    withNulls.add(k);
                    break;
                }
            }
        }
        return withNulls;
    }

    /** The milliseconds of a batch write's steps, for the debug log; does nothing when off. */
    private static final class Laps {
        private final boolean on;
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        Laps(boolean on) {
            this.on = on;
        }

        boolean on() {
            return on;
        }

        void lap(String step) {
            if (!on) {
                return;
            }
            long now = System.nanoTime();
            text.append(text.isEmpty() ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000)
                    .append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Creates, in a transaction of their own, the staging tables this batch needs that the connection lacks. */
    private void prepareStagingTables(Connection c, Batch batch) throws SQLException {
        List<TableDef> needed = new ArrayList<>();
        if (!batch.readingRows().isEmpty()) {
            needed.add(WarehouseTables.READINGS);
        }
        if (!batch.meters().isEmpty()) {
            needed.add(WarehouseTables.METER_VERSIONS);
        }
        batch.rawTables().forEach(t -> needed.add(t.definition()));
        List<TableDef> missing = needed.stream().filter(t -> !staged.contains(dialect.stagingName(t))).toList();
        if (missing.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (TableDef table : missing) {
                s.execute(dialect.createStaging(table));
            }
        }
        c.commit();
        missing.forEach(t -> staged.add(dialect.stagingName(t)));
    }

    private void clearStaging(Connection c, TableDef table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dialect.clearStaging(table));
        }
    }

    /**
     * Appends what the batch loaded of each extract run, counting only records after those the warehouse already
     * counted for the run and partition: a record read again (a rewind, {@code replay offsets}) is counted once.
     */
    private void storeRunLoads(Connection c, Batch batch) throws SQLException {
        if (batch.runLoads().isEmpty()) {
            return;
        }
        Map<List<Object>, Long> counted = new HashMap<>();
        for (RunLoad stored : runLoads(c, batch.consumerGroup(),
                batch.runLoads().stream().map(RunLoad::runId).toList())) {
            counted.put(List.of(stored.runId(), stored.partition()), stored.lastOffset());
        }
        List<RunLoad> loads = batch.runLoadsAfter(l -> counted.getOrDefault(List.of(l.runId(), l.partition()), -1L));
        if (loads.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement(dialect.insertRunLoad())) {
            for (RunLoad load : loads) {
                ps.setString(1, batch.consumerGroup());
                ps.setString(2, load.runId());
                ps.setString(3, load.orgId());
                ps.setString(4, load.partition().topic());
                ps.setInt(5, load.partition().partition());
                ps.setLong(6, load.records());
                ps.setLong(7, load.lastOffset());
                bindTimestamp(ps, 8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void storeOffsets(Connection c, Batch batch) throws SQLException {
        if (batch.offsets().isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement(dialect.upsertOffset())) {
            for (Map.Entry<TopicPartition, Long> e : batch.offsets().entrySet()) {
                ps.setString(1, batch.consumerGroup());
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                bindTimestamp(ps, 5, now);
                ps.setString(6, batch.topicId(e.getKey().topic()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<RunLoad> runLoads(String consumerGroup, Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return read("the loaded records of " + runIds.size() + " extract runs",
                (c, d) -> runLoads(c, consumerGroup, runIds));
    }

    private List<RunLoad> runLoads(Connection c, String consumerGroup, Collection<String> runIds) throws SQLException {
        List<String> ids = List.copyOf(new LinkedHashSet<>(runIds));
        List<RunLoad> loads = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += RUN_IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + RUN_IDS_PER_QUERY));
            try (PreparedStatement ps = c.prepareStatement(dialect.selectRunLoads(chunk.size()))) {
                ps.setString(1, consumerGroup);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        loads.add(new RunLoad(rs.getString(1), rs.getString(2),
                                new TopicPartition(rs.getString(3), rs.getInt(4)), rs.getLong(5), rs.getLong(6)));
                    }
                }
            }
        }
        return loads;
    }

    @Override
    public Set<String> loadEventsPublished(String consumerGroup) {
        return read("the published load events of consumer group " + consumerGroup, (c, d) -> {
            Set<String> runs = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(d.selectLoadEvents())) {
                ps.setString(1, consumerGroup);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(rs.getString(1));
                    }
                }
            }
            return runs;
        });
    }

    @Override
    public void loadEventPublished(String consumerGroup, String runId, Instant at) {
        Connection c = null;
        try {
            c = connection();
            try (PreparedStatement ps = c.prepareStatement(dialect.insertLoadEvent())) {
                ps.setString(1, consumerGroup);
                ps.setString(2, runId);
                bindTimestamp(ps, 3, at);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw new WarehouseException("Cannot record the load event of run " + runId + " in " + description + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(String what, WarehouseQuery<T> query) {
        Connection c = null;
        try {
            c = connection();
            T result = query.run(c, dialect);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw new WarehouseException("Cannot read " + what + " from " + description + ": " + e.getMessage(), e);
        }
    }

    private void rollback(Connection c, Exception cause) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            // a connection that cannot roll back is not trusted with the next batch
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            log.debug("Closing the connection to {} failed: {}", description, e.getMessage());
        } finally {
            connection = null;
            staged.clear();
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                log.debug("Rolling back on close of {} failed: {}", description, e.getMessage());
            }
            closeQuietly();
        }
    }
}
