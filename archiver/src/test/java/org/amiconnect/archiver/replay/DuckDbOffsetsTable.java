package org.amiconnect.archiver.replay;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/** Offsets in a real DuckDB table shaped like the loader's {@code ami_consumer_offsets}. */
final class DuckDbOffsetsTable implements StoredOffsets {

    private final Path file;
    private final Connection connection;

    DuckDbOffsetsTable(Path file) throws SQLException {
        this.file = file;
        this.connection = DriverManager.getConnection("jdbc:duckdb:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ami_consumer_offsets (consumer_group VARCHAR NOT NULL, "
                    + "topic VARCHAR NOT NULL, kafka_partition INTEGER NOT NULL, next_offset BIGINT NOT NULL, "
                    + "updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (consumer_group, topic, kafka_partition))");
        }
    }

    @Override
    public String description() {
        return "duckdb " + file;
    }

    @Override
    public Map<TopicPartition, Long> stored(String group) {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT topic, kafka_partition, next_offset FROM ami_consumer_offsets WHERE consumer_group = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void store(String group, Map<TopicPartition, Long> offsets) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO ami_consumer_offsets VALUES "
                + "(?, ?, ?, ?, now()) ON CONFLICT (consumer_group, topic, kafka_partition) DO UPDATE SET "
                + "next_offset = excluded.next_offset, updated_at = excluded.updated_at")) {
            for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
                ps.setString(1, group);
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing to keep
        }
    }
}
