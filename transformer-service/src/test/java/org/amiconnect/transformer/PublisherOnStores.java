package org.amiconnect.transformer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A {@link ReadPublisher} outside a topology, on real stores: the reads store, the held halves and the device records
 * in RocksDB under {@code stateDir}, without changelogs, and a {@link MockProcessorContext} whose forwarded records a
 * test can read. The reads store holds only values it wrote itself (no earlier-version values to decode).
 */
final class PublisherOnStores implements AutoCloseable {

    final MockProcessorContext<String, SpecificRecord> context;
    final KeyValueStore<String, GeneralMeterRead> reads;
    final KeyValueStore<String, Long> held;
    final KeyValueStore<String, DeviceRecord> devices;
    final TransformerMetrics metrics = new TransformerMetrics();
    final ReadPublisher publisher;

    /**
     * @param systemTime the context's wall clock (what the publisher's graces measure from)
     * @param rules the vendor's join rules (halves, dedup retention)
     */
    PublisherOnStores(String applicationId, Path stateDir, Instant systemTime, JoinRules rules) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        context.setCurrentSystemTimeMs(systemTime.toEpochMilli());
        reads = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("reads.t"), Serdes.String(),
                new StoredReadSerde((topic, bytes) -> {
                    throw new IllegalStateException("no legacy values here");
                })).withLoggingDisabled().build();
        held = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("held.t"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        devices = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("registers.t"), Serdes.String(),
                DeviceRecord.SERDE).withLoggingDisabled().build();
        reads.init(context.getStateStoreContext(), reads);
        held.init(context.getStateStoreContext(), held);
        devices.init(context.getStateStoreContext(), devices);
        publisher = new ReadPublisher(context, reads, held, new Devices(devices), rules, "sink", metrics, key -> null);
    }

    @Override
    public void close() {
        reads.close();
        held.close();
        devices.close();
    }
}
