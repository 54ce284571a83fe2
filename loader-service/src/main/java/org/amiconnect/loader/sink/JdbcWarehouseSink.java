package org.amiconnect.loader.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loading logic shared by the JDBC warehouses: each table of a batch is staged into a temporary table and merged
 * into its target with the dialect's SQL, then the consumed offsets are upserted, all in one transaction. Subclasses
 * open the connection and stage rows in the fastest way their driver offers.
 */
public abstract class JdbcWarehouseSink implements WarehouseSink {

    private static final Logger log = LoggerFactory.getLogger(JdbcWarehouseSink.class);

    private final SqlDialect dialect;
    private final String description;
    private Connection connection;

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

    @Override
    public String description() {
        return description;
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
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
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
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

    @Override
    public Map<TopicPartition, Long> storedOffsets(String consumerGroup) {
        Connection c = null;
        try {
            c = connection();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.selectOffsets())) {
                ps.setString(1, consumerGroup);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                    }
                }
            }
            c.commit();
            return offsets;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw new WarehouseException("Cannot read the stored offsets of consumer group " + consumerGroup + " from "
                    + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BatchResult writeBatch(Batch batch) {
        Connection c = null;
        String step = "connect";
        try {
            c = connection();
            long readings = 0;
            if (!batch.readings().isEmpty()) {
                step = "upsert readings";
                readings = upsert(c, WarehouseTables.READINGS,
                        batch.readings().stream().map(WarehouseTables::readingRow).toList());
            }
            long closed = 0;
            long inserted = 0;
            if (!batch.meters().isEmpty()) {
                step = "merge meters";
                prepareStaging(c, WarehouseTables.METER_VERSIONS);
                stage(c, WarehouseTables.METER_VERSIONS,
                        batch.meters().stream().map(WarehouseTables::meterVersionRow).toList());
                try (Statement s = c.createStatement()) {
                    closed = s.executeUpdate(dialect.closeChangedMeters());
                    inserted = s.executeUpdate(dialect.insertNewMeterVersions());
                }
            }
            Map<String, Long> raw = new LinkedHashMap<>();
            for (RawTable table : batch.rawTables()) {
                step = "upsert raw table " + table.name();
                raw.put(table.name(), upsert(c, table.definition(), batch.rawRows(table)));
            }
            step = "store offsets";
            storeOffsets(c, batch);
            step = "commit";
            c.commit();
            return new BatchResult(readings, inserted, closed, raw);
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw new WarehouseException("Cannot write a batch of " + batch.records() + " records to " + description
                    + " (" + step + "): " + e.getMessage(), e);
        }
    }

    private long upsert(Connection c, TableDef table, Collection<Object[]> rows) throws SQLException {
        prepareStaging(c, table);
        stage(c, table, rows);
        try (Statement s = c.createStatement()) {
            for (String sql : dialect.upsertFromStaging(table)) {
                s.executeUpdate(sql);
            }
        }
        return rows.size();
    }

    /** Creates the staging table when this session has none yet and empties it; this also opens the transaction. */
    private void prepareStaging(Connection c, TableDef table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dialect.createStaging(table));
            s.execute(dialect.clearStaging(table));
        }
    }

    private void storeOffsets(Connection c, Batch batch) throws SQLException {
        if (batch.offsets().isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement(dialect.upsertOffset())) {
            for (Map.Entry<TopicPartition, Long> e : batch.offsets().entrySet()) {
                ps.setString(1, batch.consumerGroup());
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.setObject(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
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
