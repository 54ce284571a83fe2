package org.amiconnect.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One extract run against a vendor database: publishes the rows of queries as raw records (columns by name, see
 * {@link RawRowMapper}), each stamped with the run and its source ({@code <vendor> <TABLE>}, row number), and collects
 * the warnings the run reports.
 */
public final class DatabaseRun {

    private final Connection connection;
    private final String orgId;
    private final String describe;
    private final String runId;
    private final Instant extractedAt;
    private final RawRecordSink sink;
    private final int fetchSize;
    private final Duration queryTimeout;
    private final List<String> warnings = new ArrayList<>();
    private long rows;

    /**
     * @param describe how errors name the source, e.g. {@code metersense source 'my_utility' (db via bastion:22)}
     */
    public DatabaseRun(Connection connection, String orgId, String describe, String runId, Instant extractedAt,
            RawRecordSink sink, int fetchSize, Duration queryTimeout) {
        this.connection = connection;
        this.orgId = orgId;
        this.describe = describe;
        this.runId = runId;
        this.extractedAt = extractedAt;
        this.sink = sink;
        this.fetchSize = fetchSize;
        this.queryTimeout = queryTimeout;
    }

    /**
     * Publishes every row of {@code sql} as a raw record of {@code entity}.
     *
     * @param source the source name stamped on the records, e.g. {@code metersense INTERVALREADS}
     * @param required fields (lower case) without which the table cannot be used
     * @param keyId the vendor id (after {@code org_id|}) of a record's key
     * @return the rows published
     * @throws ExtractException naming the org, the database and the table
     */
    public <T extends SpecificRecord> long publish(RawEntity entity, Schema schema, Supplier<T> factory, String source,
            String sql, List<Object> params, Set<String> required, Function<T, String> keyId)
            throws ExtractException, InterruptedException {
        ExtractMetadata extract = ExtractMetadata.newBuilder().setOrgId(orgId).setRunId(runId)
                .setExtractedAt(extractedAt).setSource(source).build();
        @SuppressWarnings("unchecked")
        RawRowMapper<T>[] mapper = new RawRowMapper[1];
        long[] n = {0};
        try {
            long count = TableStream.run(connection, sql, params, fetchSize, queryTimeout, rs -> {
                mapper[0] = RawRowMapper.of(rs.getMetaData(), schema, factory, source, required);
                if (!mapper[0].missingOptional().isEmpty()) {
                    warnings.add(source + ": no column " + String.join(", ", mapper[0].missingOptional())
                            + " (kept as null)");
                }
                if (!mapper[0].extraColumns().isEmpty()) {
                    warnings.add(source + ": undeclared column " + String.join(", ", mapper[0].extraColumns())
                            + " kept in extract.extra_columns");
                }
            }, rs -> {
                n[0]++;
                ExtractMetadata e = ExtractMetadata.newBuilder(extract).setSourceRecord(n[0]).build();
                T record = mapper[0].map(rs, e);
                sink.publish(entity, RecordKeys.of(orgId, keyId.apply(record)), record);
            });
            rows += count;
            return count;
        } catch (InterruptedException e) {
            throw e;
        } catch (SQLException e) {
            throw SqlFailures.of(describe + ": reading " + source, e);
        } catch (RawRowMapper.MissingColumnsException e) {
            throw new ExtractException(ExtractException.Kind.PERMANENT, describe + ": " + e.getMessage(), e);
        } catch (ExtractException e) {
            throw e;
        } catch (Exception e) {
            throw new ExtractException(ExtractException.Kind.TRANSIENT, describe + ": reading " + source + ": " + e, e);
        }
    }

    /** Rows of {@code sql} handed to {@code handler} one by one (for rows that are combined before publishing). */
    public long scan(String source, String sql, List<Object> params, TableStream.RowHandler handler)
            throws ExtractException, InterruptedException {
        try {
            long count = TableStream.run(connection, sql, params, fetchSize, queryTimeout, rs -> { }, handler);
            rows += count;
            return count;
        } catch (InterruptedException e) {
            throw e;
        } catch (SQLException e) {
            throw SqlFailures.of(describe + ": reading " + source, e);
        } catch (Exception e) {
            throw new ExtractException(ExtractException.Kind.TRANSIENT, describe + ": reading " + source + ": " + e, e);
        }
    }

    /** Publishes a record the run derived (e.g. a meter version), stamped like the table rows. */
    public void publishDerived(RawEntity entity, String keyId, SpecificRecord record) {
        sink.publish(entity, RecordKeys.of(orgId, keyId), record);
    }

    /** Extract metadata for a derived record from {@code source}, its {@code n}th. */
    public ExtractMetadata extract(String source, long n) {
        return ExtractMetadata.newBuilder().setOrgId(orgId).setRunId(runId).setExtractedAt(extractedAt)
                .setSource(source).setSourceRecord(n).build();
    }

    /** Every row read so far. */
    public long rows() {
        return rows;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
