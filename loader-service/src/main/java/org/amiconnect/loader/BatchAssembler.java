package org.amiconnect.loader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.RunHeaders;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.MeterVersion;
import org.amiconnect.loader.sink.RawTable;
import org.amiconnect.loader.sink.WarehouseTables;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.RawRecordReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes consumed records and adds those of this sink's orgs to a batch. Every record, added or not, advances the
 * batch's offset of its partition, so skipped records are not read again. Used by the loader's loop thread only.
 */
final class BatchAssembler {

    private static final Logger log = LoggerFactory.getLogger(BatchAssembler.class);

    enum Outcome { ADDED, SKIPPED, UNDECODABLE }

    /** Where a decoded readings row holds its org. */
    private static final int READING_ORG = WarehouseTables.READINGS.columnIndex("org_id");

    /** What was added: the record's org, and its run id when the record itself names it (raw records do). */
    private record Added(String orgId, String runId) {
    }

    /** Adds the decoded value of one topic to the batch; null when the record is not this sink's. */
    private interface TopicHandler {
        Added add(ConsumerRecord<byte[], byte[]> record, Batch batch);
    }

    private final String sinkId;
    private final Set<String> orgs;
    private final Set<String> knownOrgs;
    private final Map<String, TopicHandler> handlers = new LinkedHashMap<>();
    private final Set<String> warnedOrgs = ConcurrentHashMap.newKeySet();
    private TopicPartition lastPartition;
    private byte[] lastRunIdBytes;
    private String lastRunId;

    /**
     * @param orgs the orgs whose sources list this sink
     * @param knownOrgs every configured org, to tell another sink's org from one that is not configured at all
     */
    BatchAssembler(String sinkId, Set<String> orgs, Set<String> knownOrgs, Topics topics, List<RawTable> rawTables,
            SchemaRegistry registry) {
        this.sinkId = sinkId;
        this.orgs = Set.copyOf(orgs);
        this.knownOrgs = Set.copyOf(knownOrgs);
        ReadingRowDecoder reads = new ReadingRowDecoder(registry);
        handlers.put(topics.meterReads(), (record, batch) -> {
            Object[] row = reads.decode(record.topic(), record.value());
            String org = (String) row[READING_ORG];
            if (!routed(org, record)) {
                return null;
            }
            batch.addReadingRow(row);
            return new Added(org, null);
        });
        AvroDeserializer<GeneralMeter> meters = new AvroDeserializer<>(registry, GeneralMeter.class);
        handlers.put(topics.meters(), (record, batch) -> {
            GeneralMeter meter = meters.deserialize(record.topic(), record.value());
            if (!routed(meter.getOrgId(), record)) {
                return null;
            }
            // ordered by when the meter was seen like this (observed_at, else when its raw record was first
            // published: the header the transformer sets; records of earlier releases carry it as their timestamp)
            long published = OriginalTimestamp.of(record.headers(), record.timestamp());
            batch.addMeter(MeterVersion.of(meter, Instant.ofEpochMilli(published), record.partition(),
                    record.offset()));
            return new Added(meter.getOrgId(), null);
        });
        for (RawTable table : rawTables) {
            // the same walk over the bytes the transformer reads raw records with (Avro's resolution for other schemas)
            @SuppressWarnings({"unchecked", "rawtypes"})
            RawRecordReader<SpecificRecord> raw = new RawRecordReader(registry, table.entity().recordClass());
            String topic = topics.raw(table.entity());
            if (handlers.containsKey(topic)) {
                throw new IllegalArgumentException("Two raw entities are published to topic " + topic);
            }
            handlers.put(topic, (record, batch) -> {
                SpecificRecord value = raw.deserialize(record.topic(), record.value());
                String org = table.orgOf(value);
                if (!routed(org, record)) {
                    return null;
                }
                batch.addRaw(table, value);
                return new Added(org, table.runOf(value));
            });
        }
    }

    /** The topics this assembler reads. */
    List<String> topics() {
        return List.copyOf(handlers.keySet());
    }

    Outcome add(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        TopicPartition partition = partitionOf(record);
        batch.consumed(partition, record.offset());
        if (record.value() == null) {
            log.debug("Skipping tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return Outcome.SKIPPED;
        }
        TopicHandler handler = handlers.get(record.topic());
        if (handler == null) {
            log.warn("Skipping a record of topic {} ({}@{}), which sink {} does not load", record.topic(),
                    record.partition(), record.offset(), sinkId);
            return Outcome.SKIPPED;
        }
        Added added;
        try {
            added = handler.add(record, batch);
        } catch (RuntimeException e) {
            log.warn("Skipping undecodable record at {}-{}@{} ({} bytes): {}", record.topic(), record.partition(),
                    record.offset(), record.value().length, e.getMessage());
            return Outcome.UNDECODABLE;
        }
        if (added == null) {
            return Outcome.SKIPPED;
        }
        String runId = runIdOf(record);
        if (runId == null) {
            runId = added.runId();
        }
        if (runId != null) {
            batch.countForRun(runId, added.orgId(), partition, record.offset());
        }
        return Outcome.ADDED;
    }

    /** The record's partition; the same instance for consecutive records of one partition (the usual case). */
    private TopicPartition partitionOf(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition last = lastPartition;
        if (last == null || last.partition() != record.partition() || !last.topic().equals(record.topic())) {
            last = new TopicPartition(record.topic(), record.partition());
            lastPartition = last;
        }
        return last;
    }

    /**
     * The record's run-id header as a String, or null. Consecutive records mostly carry the same run id, so the last
     * header's bytes and String are kept and a repeated value is not decoded again.
     */
    private String runIdOf(ConsumerRecord<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(RunHeaders.RUN_ID);
        byte[] value = h == null ? null : h.value();
        if (value == null) {
            return null;
        }
        if (!Arrays.equals(value, lastRunIdBytes)) {
            lastRunIdBytes = value.clone();
            lastRunId = new String(value, StandardCharsets.UTF_8);
        }
        return lastRunId;
    }

    private boolean routed(String org, ConsumerRecord<byte[], byte[]> record) {
        if (orgs.contains(org)) {
            return true;
        }
        if (!knownOrgs.contains(org) && warnedOrgs.add(String.valueOf(org))) {
            log.warn("Skipping records of org '{}' (first at {}-{}@{}): no configured source has this org_id", org,
                    record.topic(), record.partition(), record.offset());
        }
        return false;
    }
}
