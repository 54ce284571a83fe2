package org.amiconnect.transformer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.config.TransformerSettings;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerde;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.amiconnect.schemas.serde.RawRecordReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * raw topics → {@code ami.meters}, {@code ami.meter-reads}, {@code ami.dlq}: one sub-topology per configured vendor,
 * assembled from what its adapter declares ({@link SourceAdapter#streamPlan()}): one source and one
 * {@link EntityProcessor} per raw entity, the vendor's state stores, and the vendor's own three sinks.
 */
public final class TransformerTopology {

    private TransformerTopology() {
    }

    public static Topology build(List<SourceConfig> sources, AdapterCatalog adapters, Topics topics,
            SchemaRegistry registry, TransformerMetrics metrics) {
        return build(sources, adapters, topics, registry, metrics, TransformerSettings.DEFAULTS);
    }

    /** As {@link #build(List, AdapterCatalog, Topics, SchemaRegistry, TransformerMetrics)}, with config's graces. */
    public static Topology build(List<SourceConfig> sources, AdapterCatalog adapters, Topics topics,
            SchemaRegistry registry, TransformerMetrics metrics, TransformerSettings settings) {
        Map<String, SourceAdapter> vendors = new LinkedHashMap<>();
        Map<String, Map<String, Normalizer>> normalizersByVendor = new HashMap<>();
        for (SourceConfig source : sources) {
            SourceAdapter adapter = adapters.get(source.type());
            vendors.putIfAbsent(adapter.vendor(), adapter);
            normalizersByVendor.computeIfAbsent(adapter.vendor(), v -> new HashMap<>())
                    .put(source.orgId(), adapter.normalizer(source));
        }
        if (vendors.isEmpty()) {
            throw new IllegalArgumentException("No sources are configured, so the transformer has nothing to read");
        }
        Topology topology = new Topology();
        for (SourceAdapter adapter : vendors.values()) {
            addVendor(topology, adapter.vendor(), withGraces(adapter.streamPlan(), settings),
                    normalizersByVendor.get(adapter.vendor()),
                    topics, registry, metrics);
        }
        return topology;
    }

    /** The vendor's plan with the graces config.yaml overrides. */
    static StreamPlan withGraces(StreamPlan plan, TransformerSettings settings) {
        JoinRules r = plan.rules();
        return new StreamPlan(plan.entities(), new JoinRules(settings.metadataGrace().orElse(r.metadataGrace()),
                r.afterGrace(), r.readsInHalves(), settings.halvesGrace().orElse(r.halvesGrace()), r.dedupRetention(),
                r.historyRetention()));
    }

    /** Adds one vendor's sub-topology. Visible for tests that define a vendor of their own. */
    static void addVendor(Topology topology, String vendor, StreamPlan plan, Map<String, Normalizer> normalizersByOrg,
            Topics topics, SchemaRegistry registry, TransformerMetrics metrics) {
        List<EntityRuntime> entities = new ArrayList<>();
        for (EntityPlan entityPlan : plan.entities()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            RawRecordReader<? extends SpecificRecord> deserializer =
                    new RawRecordReader(registry, entityPlan.entity().recordClass());
            entities.add(new EntityRuntime(entityPlan, topics.raw(entityPlan.entity()), deserializer, normalizersByOrg));
        }
        VendorRuntime runtime = new VendorRuntime(vendor, plan.rules(), entities);
        VendorStores stores = runtime.stores;
        List<String> processors = new ArrayList<>();
        for (EntityRuntime entity : entities) {
            String processor = "normalize." + entity.name;
            topology.addSource("raw." + entity.name, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    entity.topic);
            topology.addProcessor(processor, () -> new EntityProcessor(runtime, entity, metrics), "raw." + entity.name);
            processors.add(processor);
        }
        String[] all = processors.toArray(String[]::new);
        // Not cached (withCachingEnabled): measured with JFR and A/B on 480 k reads, a cache in front of the
        // per-device stores halved the changelog sends but made every get dearer, and in front of the reads store
        // (nearly every key new) it only filled and flushed on eviction; neither was faster (benchmarks/TUNING.md,
        // "Tuning round 1")
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.lastMeters()),
                Serdes.String(), Serdes.Long()), all);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.reads()),
                Serdes.String(), new StoredReadSerde(new AvroDeserializer<>(registry, GeneralMeterRead.class))), all);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.heldHalves()),
                Serdes.String(), Serdes.Long()), all);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.lastRegisters()),
                Serdes.String(), DeviceRecord.SERDE), all);
        if (runtime.joins()) {
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.pendingReads()),
                    Serdes.String(), Serdes.ByteArray()), all);
            for (EntityRuntime e : runtime.metadataEntities) {
                String name = stores.metadata(e.plan.entity().name());
                AvroSerde<GeneralMeter> meterSerde = AvroSerde.forValues(registry, GeneralMeter.class);
                if (e.plan.pointInTime()) {
                    Duration history = plan.rules().historyRetention();
                    topology.addStateStore(Stores.versionedKeyValueStoreBuilder(
                            Stores.persistentVersionedKeyValueStore(name, history), Serdes.String(), meterSerde), all);
                } else {
                    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                            Serdes.String(), meterSerde), all);
                }
            }
        }
        // AvroSerializer writes meters and reads field by field (its direct encoder), not through Avro's datum writer
        topology.addSink(runtime.metersSink, topics.meters(), new StringSerializer(), new AvroSerializer<>(registry),
                all);
        topology.addSink(runtime.readsSink, topics.meterReads(), new StringSerializer(),
                new AvroSerializer<>(registry), all);
        topology.addSink(runtime.deadLetterSink, topics.deadLetters(), new StringSerializer(),
                new AvroSerializer<>(registry), all);
    }
}
