package org.amiconnect.transformer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Quick measure (no JMH) of one forget pass on a RocksDB reads store of {@code args[0]} entries (default 1 000 000)
 * of which none is old: the whole-store scan forgetOld did before, against one incremental pass. Prints ms.
 */
public final class ForgetPassMain {

    private ForgetPassMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("forget-pass");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "forget-pass");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>(config, new TaskId(0, 0),
                dir.toFile());
        context.setCurrentSystemTimeMs(0L);
        KeyValueStore<String, GeneralMeterRead> reads = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("reads.m"), Serdes.String(), new StoredReadSerde((t, b) -> null))
                .withLoggingDisabled().build();
        KeyValueStore<String, Long> held = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("held.m"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        KeyValueStore<String, DeviceRecord> registers = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("registers.m"), Serdes.String(), DeviceRecord.SERDE)
                .withLoggingDisabled().build();
        reads.init(context.getStateStoreContext(), reads);
        held.init(context.getStateStoreContext(), held);
        registers.init(context.getStateStoreContext(), registers);
        TransformerMetrics metrics = new TransformerMetrics();
        ReadPublisher publisher = new ReadPublisher(context, reads, held, new Devices(registers),
                JoinRules.WHOLE_ROWS, "sink", metrics, key -> null);
        Instant newest = Instant.parse("2026-06-30T00:00:00Z");
        for (int i = 0; i < n; i++) {
            String device = String.format("d%07d", i / 24);
            Instant flowtime = newest.minus(Duration.ofHours(i % 24));
            reads.put(ReadPublisher.storeKey(RecordKeys.of("org", device), ReadPublisher.micros(flowtime)),
                    GeneralMeterRead.newBuilder().setOrgId("org").setDeviceId(device).setFlowtime(flowtime)
                            .setRegisterValue(1.0 * i).setRegisterUnit("CF").setIntervalValue(0.5)
                            .setIntervalUnit("CF").build());
        }
        publisher.offer(GeneralMeterRead.newBuilder().setOrgId("org").setDeviceId("newest").setFlowtime(newest)
                .setRegisterValue(1.0).setRegisterUnit("CF").build(), null, 0L, new RecordHeaders());
        long oldest = ReadPublisher.micros(newest.minus(Duration.ofDays(7)));
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int old = 0;
            int visited = 0;
            try (KeyValueIterator<String, GeneralMeterRead> it = reads.all()) { // what forgetOld did before
                while (it.hasNext()) {
                    KeyValue<String, GeneralMeterRead> e = it.next();
                    visited++;
                    if (Long.parseLong(e.key.substring(e.key.lastIndexOf('\u0001') + 1)) < oldest
                            && held.get(e.key) == null) {
                        old++;
                    }
                }
            }
            long t1 = System.nanoTime();
            publisher.forgetOld();
            long t2 = System.nanoTime();
            System.out.printf("entries %d: whole-store scan %d ms (%d visited, %d old); incremental pass %d ms"
                    + " (%d visited)%n", n, (t1 - t0) / 1_000_000, visited, old, (t2 - t1) / 1_000_000,
                    publisher.forgetVisits);
        }
        reads.close();
        held.close();
        registers.close();
    }
}
