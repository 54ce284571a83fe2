package org.amiconnect.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.loader.sink.Batch;
import org.amiconnect.loader.sink.MeterVersion;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.testsupport.records.TestRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The version time of a meter without {@code observed_at}: when its raw record was first published (warehouse.md). */
class BatchAssemblerMeterVersionTest {

    private static final Instant EXTRACTED = Instant.parse("2025-03-09T22:00:00Z");
    private static final Instant REPLAYED = Instant.parse("2026-12-01T22:00:00Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Topics topics = new Topics("");
    private final BatchAssembler assembler = new BatchAssembler("warehouse", Set.of(TestRecords.ORG),
            Set.of(TestRecords.ORG), topics, List.of(), registry);

    private MeterVersion versionOf(RecordHeaders headers, Instant timestamp) {
        GeneralMeter meter = TestRecords.meter(TestRecords.ORG, "ep-1", "1 Main St");
        byte[] value = new AvroSerializer<GeneralMeter>(registry).serialize(topics.meters(), meter);
        Batch batch = new Batch("loader");
        assembler.add(new ConsumerRecord<>(topics.meters(), 1, 7, timestamp.toEpochMilli(), TimestampType.CREATE_TIME,
                -1, value.length, null, value, headers, Optional.empty()), batch);
        assertThat(meter.getObservedAt()).isNull();
        assertThat(batch.meters()).hasSize(1);
        return batch.meters().iterator().next();
    }

    @Test
    void aMeterReplayedFromTheArchiveKeepsTheTimeItsRawRecordWasExtracted() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OriginalTimestamp.HEADER, OriginalTimestamp.encode(EXTRACTED.toEpochMilli()));

        MeterVersion version = versionOf(headers, REPLAYED);

        assertThat(version.versionTime()).isEqualTo(EXTRACTED);
        assertThat(version.partition()).isEqualTo(1);
        assertThat(version.offset()).isEqualTo(7);
    }

    @Test
    void aMeterNeverReplayedIsVersionedAtItsRecordsTimestamp() {
        assertThat(versionOf(new RecordHeaders(), EXTRACTED).versionTime()).isEqualTo(EXTRACTED);
    }
}
