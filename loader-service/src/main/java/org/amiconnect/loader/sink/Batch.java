package org.amiconnect.loader.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one micro-batch, written to the warehouse in one transaction together with the offsets they were
 * consumed up to. Records with the same key collapse as they are added: the one added last wins (for meters, the
 * latest in {@link MeterVersion#ORDER}; on a tie the one added last). Not thread-safe.
 */
public final class Batch {

    private record ReadingKey(String orgId, String deviceId, long flowtimeMicros) {
    }

    /** Where a readings row holds its key columns, looked up once from the table's definition. */
    private static final int READING_ORG = WarehouseTables.READINGS.columnIndex("org_id");
    private static final int READING_DEVICE = WarehouseTables.READINGS.columnIndex("device_id");
    private static final int READING_FLOWTIME = WarehouseTables.READINGS.columnIndex("flowtime");

    private record DeviceKey(String orgId, String deviceId) {
    }

    private final String consumerGroup;
    private final Instant loadTime;
    /** Rows of {@link WarehouseTables#READINGS}, by key. */
    private final Map<ReadingKey, Object[]> readings = new LinkedHashMap<>();
    private final Map<DeviceKey, MeterVersion> meters = new LinkedHashMap<>();
    private final Map<String, RawRows> raw = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    private final Map<String, String> topicIds = new LinkedHashMap<>();
    private final Map<List<Object>, RunCounter> runLoads = new LinkedHashMap<>();
    /** The counter of the last {@link #countForRun}: consecutive records mostly share run and partition. */
    private RunCounter lastCounter;
    private long records;

    /** @param consumerGroup the consumer group whose offsets the batch stores */
    public Batch(String consumerGroup) {
        this(consumerGroup, Instant.now());
    }

    /** @param loadTime the created_time of the batch's raw rows */
    public Batch(String consumerGroup, Instant loadTime) {
        this.consumerGroup = Objects.requireNonNull(consumerGroup, "consumerGroup");
        this.loadTime = Micros.toInstant(Micros.of(loadTime));
    }

    public void addReading(GeneralMeterRead read) {
        addReadingRow(WarehouseTables.readingRow(read));
    }

    /**
     * Adds a read as its {@link WarehouseTables#READINGS} row (column order; org_id and device_id Strings, flowtime
     * epoch microseconds as a Long): what the loader decodes records into directly.
     */
    public void addReadingRow(Object[] row) {
        readings.put(new ReadingKey((String) row[READING_ORG], (String) row[READING_DEVICE], (Long) row[READING_FLOWTIME]),
                row);
    }

    /** Adds a meter version without a known stream position (see {@link #addMeter(MeterVersion)}). */
    public void addMeter(GeneralMeter meter, Instant versionTime) {
        addMeter(new MeterVersion(meter, versionTime));
    }

    /** Adds a meter version; of two versions of one meter the later in {@link MeterVersion#ORDER} stays, on a tie the one added last. */
    public void addMeter(MeterVersion version) {
        GeneralMeter meter = version.meter();
        meters.merge(new DeviceKey(meter.getOrgId(), meter.getDeviceId()), version,
                (old, added) -> old.isAfter(added) ? old : added);
    }

    public void addRaw(RawTable table, IndexedRecord record) {
        RawRows rows = raw.computeIfAbsent(table.name(), n -> new RawRows(table));
        if (rows.table != table && !rows.table.definition().equals(table.definition())) {
            throw new IllegalArgumentException("Two different raw entities write table " + table.name() + ": "
                    + rows.table + " and " + table);
        }
        Object[] row = table.row(record, loadTime);
        rows.rows.put(table.key(row), row);
    }

    /** Records that the record at {@code offset} of {@code partition} has been consumed (added or skipped). */
    public void consumed(TopicPartition partition, long offset) {
        records++;
        advance(partition, offset + 1);
    }

    /**
     * Counts a loaded record of an extract run (the record at {@code offset} of {@code partition}), so that the
     * warehouse knows, in the batch's transaction, how much of each run it holds.
     */
    public void countForRun(String runId, String orgId, TopicPartition partition, long offset) {
        RunCounter counter = lastCounter;
        if (counter == null || !counter.runId.equals(runId) || !counter.partition.equals(partition)) {
            counter = runLoads.computeIfAbsent(List.of(runId, partition), k -> new RunCounter(runId, orgId, partition));
            lastCounter = counter;
        }
        counter.add(offset);
    }

    /**
     * What this batch adds to each run's counts when the warehouse already counted the run's records of a partition
     * up to an offset: only records after it count, so that records read again (after {@code replay offsets} or any
     * rewind) are counted once. Loads that add nothing are left out.
     *
     * @param countedUpTo the highest offset already counted for the load's run and partition, or -1
     */
    public List<RunLoad> runLoadsAfter(ToLongFunction<RunLoad> countedUpTo) {
        List<RunLoad> out = new ArrayList<>();
        for (RunCounter counter : runLoads.values()) {
            RunLoad load = counter.load();
            long records = counter.countAfter(countedUpTo.applyAsLong(load));
            if (records > 0) {
                out.add(new RunLoad(load.runId(), load.orgId(), load.partition(), records, load.lastOffset()));
            }
        }
        return out;
    }

    /** Moves the stored offset of {@code partition} forward to {@code nextOffset}; never moves it back. */
    public void advance(TopicPartition partition, long nextOffset) {
        offsets.merge(partition, nextOffset, Math::max);
    }

    /** Names the Kafka topic id of a topic, stored with the topic's offsets (see {@code ami_consumer_offsets}). */
    public void topicId(String topic, String topicId) {
        topicIds.put(topic, topicId);
    }

    /** The topic id stored with the offsets of a topic, or null when unknown. */
    public String topicId(String topic) {
        return topicIds.get(topic);
    }

    public String consumerGroup() {
        return consumerGroup;
    }

    public Instant loadTime() {
        return loadTime;
    }

    /** Records consumed into this batch, skipped ones included. */
    public long records() {
        return records;
    }

    /** True when there is nothing to write: no rows and no offsets. */
    public boolean isEmpty() {
        return offsets.isEmpty() && readings.isEmpty() && meters.isEmpty() && raw.isEmpty() && runLoads.isEmpty();
    }

    /** The records of extract runs in this batch, per run and partition. */
    public Collection<RunLoad> runLoads() {
        return runLoads.values().stream().map(RunCounter::load).toList();
    }

    /** The readings, as {@link WarehouseTables#READINGS} rows, unique by key. */
    public Collection<Object[]> readingRows() {
        return Collections.unmodifiableCollection(readings.values());
    }

    public Collection<MeterVersion> meters() {
        return Collections.unmodifiableCollection(meters.values());
    }

    /** The raw tables with rows in this batch. */
    public List<RawTable> rawTables() {
        return raw.values().stream().map(r -> r.table).toList();
    }

    /** The rows of one raw table, in column order, unique by the table's key. */
    public Collection<Object[]> rawRows(RawTable table) {
        RawRows rows = raw.get(table.name());
        return rows == null ? List.of() : Collections.unmodifiableCollection(rows.rows.values());
    }

    /** The next offset to read, per partition. */
    public Map<TopicPartition, Long> offsets() {
        return Collections.unmodifiableMap(offsets);
    }

    /** One run's records of one partition: their offsets, in the order consumed (ascending), unboxed. */
    private static final class RunCounter {
        final String runId;
        final String orgId;
        final TopicPartition partition;
        long[] offsets = new long[64];
        int count;
        long lastOffset = -1;

        RunCounter(String runId, String orgId, TopicPartition partition) {
            this.runId = runId;
            this.orgId = orgId;
            this.partition = partition;
        }

        void add(long offset) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = offset;
            lastOffset = Math.max(lastOffset, offset);
        }

        long countAfter(long counted) {
            long n = 0;
            for (int i = 0; i < count; i++) {
                if (offsets[i] > counted) {
                    n++;
                }
            }
            return n;
        }

        RunLoad load() {
            return new RunLoad(runId, orgId, partition, count, lastOffset);
        }
    }

    private static final class RawRows {
        final RawTable table;
        final Map<List<Object>, Object[]> rows = new LinkedHashMap<>();

        RawRows(RawTable table) {
            this.table = table;
        }
    }
}
