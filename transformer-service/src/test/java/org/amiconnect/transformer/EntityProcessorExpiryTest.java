package org.amiconnect.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.serde.AvroSerde;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.schemas.serde.RawRecordReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata-grace expiry of {@link EntityProcessor} scans the pending reads only when one may be due, and still
 * releases every read when its grace passes.
 */
class EntityProcessorExpiryTest {

    private static final Instant T0 = Instant.parse("2024-11-05T00:00:00Z");

    @TempDir
    Path stateDir;

    private final List<StateStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(StateStore::close);
    }

    @Test
    void waitingReadsAreScannedOnlyWhenOneIsDue() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        StreamPlan plan = SyntheticJoinVendor.plan(Duration.ofMinutes(1), AfterGrace.EMIT_WITHOUT_METADATA,
                Duration.ofSeconds(10));
        List<EntityRuntime> entities = new ArrayList<>();
        for (EntityPlan p : plan.entities()) {
            entities.add(new EntityRuntime(p, "raw." + p.entity().name(),
                    new RawRecordReader<>(registry, SyntheticRaw.class),
                    Map.of(SyntheticJoinDriver.ORG, SyntheticJoinVendor.normalizer(SyntheticJoinDriver.LA))));
        }
        VendorRuntime vendor = new VendorRuntime("synthetic", plan.rules(), entities);
        EntityRuntime registers = entities.stream().filter(e -> e.plan.role() == EntityRole.READS).findFirst()
                .orElseThrow();

        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "expiry-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>(config, new TaskId(0, 0),
                stateDir.toFile());
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        VendorStores names = vendor.stores;
        AvroSerde<GeneralMeter> meterSerde = AvroSerde.forValues(registry, GeneralMeter.class);
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(names.lastMeters()), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build());
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(names.reads()), Serdes.String(),
                new StoredReadSerde((t, b) -> null)).withLoggingDisabled().build());
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(names.heldHalves()), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build());
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(names.lastRegisters()), Serdes.String(),
                DeviceRecord.SERDE).withLoggingDisabled().build());
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(names.pendingReads()), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build());
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(names.metadata("meter")),
                Serdes.String(), meterSerde).withLoggingDisabled().build());
        add(context, Stores.versionedKeyValueStoreBuilder(Stores.persistentVersionedKeyValueStore(
                names.metadata("account"), Duration.ofDays(36_500)), Serdes.String(), meterSerde)
                .withLoggingDisabled().build());

        TransformerMetrics metrics = new TransformerMetrics();
        EntityProcessor processor = new EntityProcessor(vendor, registers, metrics);
        processor.init(context);
        MockProcessorContext.CapturedPunctuator everySecond = context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(EntityProcessor.PUNCTUATE_EVERY)).findFirst().orElseThrow();

        everySecond.getPunctuator().punctuate(T0.toEpochMilli()); // after (re)start: one scan
        assertEquals(1, processor.waitingScans);

        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry);
        for (int i = 0; i < 3; i++) {
            context.setRecordMetadata(registers.topic, 0, i);
            SyntheticRaw raw = SyntheticJoinVendor.register(SyntheticJoinDriver.ORG, "dev" + i, "2024-11-04 10:00",
                    "12.5", "CF");
            processor.process(new Record<>(RecordKeys.of(SyntheticJoinDriver.ORG, "dev" + i).getBytes(),
                    serializer.serialize(registers.topic, raw), T0.toEpochMilli()));
        }
        assertEquals(3, metrics.waitingForMetadata());

        for (int s = 1; s < 60; s++) {
            everySecond.getPunctuator().punctuate(T0.plusSeconds(s).toEpochMilli());
        }
        assertEquals(1, processor.waitingScans, "nothing was due, so nothing was scanned");
        assertEquals(3, metrics.waitingForMetadata());

        everySecond.getPunctuator().punctuate(T0.plusSeconds(60).toEpochMilli());
        assertEquals(2, processor.waitingScans);
        assertEquals(0, metrics.waitingForMetadata(), "every read leaves when its grace passes");
        assertEquals(3, metrics.publishedWithoutMetadata());

        everySecond.getPunctuator().punctuate(T0.plusSeconds(61).toEpochMilli());
        assertEquals(2, processor.waitingScans);
    }

    private void add(MockProcessorContext<String, SpecificRecord> context, StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        stores.add(store);
    }
}
