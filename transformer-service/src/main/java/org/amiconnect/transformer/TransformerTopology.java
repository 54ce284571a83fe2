package org.amiconnect.transformer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * raw topics → {@code ami.meters}, {@code ami.meter-reads}, {@code ami.dlq}: one source and one normalize processor per
 * raw topic of the configured vendors, each with its own store of last-published meters.
 */
public final class TransformerTopology {

    private TransformerTopology() {
    }

    public static Topology build(List<SourceConfig> sources, AdapterCatalog adapters, Topics topics,
            SchemaRegistry registry, TransformerMetrics metrics, Clock clock) {
        Set<SourceAdapter> used = new LinkedHashSet<>();
        Map<String, Map<String, Normalizer>> normalizersByVendor = new HashMap<>();
        for (SourceConfig source : sources) {
            SourceAdapter adapter = adapters.get(source.type());
            used.add(adapter);
            normalizersByVendor.computeIfAbsent(adapter.vendor(), v -> new HashMap<>())
                    .put(source.orgId(), adapter.normalizer(source));
        }
        Topology topology = new Topology();
        List<String> processors = new ArrayList<>();
        for (SourceAdapter adapter : used) {
            for (RawEntity entity : adapter.rawEntities()) {
                String topic = topics.raw(entity);
                String name = entity.vendor() + "." + entity.name();
                String store = "last-meters." + name;
                @SuppressWarnings({"unchecked", "rawtypes"})
                AvroDeserializer<? extends SpecificRecord> deserializer =
                        new AvroDeserializer(registry, entity.recordClass());
                Map<String, Normalizer> normalizers = Map.copyOf(normalizersByVendor.get(adapter.vendor()));
                topology.addSource("raw." + name, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
                topology.addProcessor("normalize." + name,
                        () -> new NormalizeProcessor(topic, store, deserializer, normalizers, metrics, clock), "raw." + name);
                topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                        Serdes.String(), Serdes.Long()), "normalize." + name);
                processors.add("normalize." + name);
            }
        }
        if (processors.isEmpty()) {
            throw new IllegalArgumentException("No sources are configured, so the transformer has nothing to read");
        }
        String[] parents = processors.toArray(String[]::new);
        topology.addSink(NormalizeProcessor.METERS_SINK, topics.meters(), new StringSerializer(),
                new AvroSerializer<>(registry), parents);
        topology.addSink(NormalizeProcessor.READS_SINK, topics.meterReads(), new StringSerializer(),
                new AvroSerializer<>(registry), parents);
        topology.addSink(NormalizeProcessor.DEAD_LETTER_SINK, topics.deadLetters(), new StringSerializer(),
                new AvroSerializer<>(registry), parents);
        return topology;
    }
}
