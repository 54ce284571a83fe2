package org.amiconnect.transformer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

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
        PublisherOnStores stores = new PublisherOnStores("forget-pass", dir, Instant.EPOCH, JoinRules.WHOLE_ROWS);
        KeyValueStore<String, GeneralMeterRead> reads = stores.reads;
        KeyValueStore<String, Long> held = stores.held;
        ReadPublisher publisher = stores.publisher;
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
                .setRegisterValue(1.0).setRegisterUnit("CF").build(), null, new RecordHeaders());
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
        stores.close();
    }
}
