package org.amiconnect.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.JoinRules;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadPublisher#forgetOld()} on a real (RocksDB) reads store: incremental passes forget exactly the old reads
 * that are not held, each pass visits at most its budget, and the cursor wraps to the store's start.
 */
class ReadPublisherForgetTest {

    private static final Instant NEWEST = Instant.parse("2026-06-30T00:00:00Z");
    private static final long NEWEST_MICROS = ReadPublisher.micros(NEWEST);
    private static final long OLD_MICROS = ReadPublisher.micros(NEWEST.minus(Duration.ofDays(8)));
    private static final long RECENT_MICROS = ReadPublisher.micros(NEWEST.minus(Duration.ofDays(1)));
    private static final JoinRules RULES = new JoinRules(Duration.ZERO, AfterGrace.EMIT_WITHOUT_METADATA, true,
            Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(36_500));

    private PublisherOnStores stores;
    private KeyValueStore<String, GeneralMeterRead> reads;
    private KeyValueStore<String, Long> held;
    private ReadPublisher publisher;

    @TempDir
    Path stateDir;

    @BeforeEach
    void open() {
        stores = new PublisherOnStores("forget-test", stateDir, NEWEST, RULES);
        reads = stores.reads;
        held = stores.held;
        publisher = stores.publisher;
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private static GeneralMeterRead read(String device, Instant flowtime) {
        return GeneralMeterRead.newBuilder().setOrgId("org").setDeviceId(device).setFlowtime(flowtime)
                .setRegisterValue(1.0).setRegisterUnit("CF").setIntervalValue(0.5).setIntervalUnit("CF").build();
    }

    private static String key(String device, long micros) {
        return ReadPublisher.storeKey(RecordKeys.of("org", device), micros);
    }

    private void putDirect(String device, long micros) {
        reads.put(key(device, micros), read(device, Instant.EPOCH.plusNanos(micros * 1000)));
    }

    private static String device(int i) {
        return String.format("d%06d", i);
    }

    private long count() {
        long n = 0;
        try (KeyValueIterator<String, GeneralMeterRead> it = reads.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void passesForgetExactlyTheOldUnheldReadsWithinTheirBudgetAndWrapAround() {
        int recent = 25_000;
        for (int i = 0; i < recent; i++) {
            putDirect(device(i), RECENT_MICROS);
        }
        // old reads spread over the key range; two of them are held halves and must stay
        List<String> oldUnheld = new ArrayList<>();
        List<String> oldHeld = new ArrayList<>();
        for (int i : new int[] {5, 9_000, 12_345, 20_000, 24_999}) {
            putDirect(device(i), OLD_MICROS);
            oldUnheld.add(key(device(i), OLD_MICROS));
        }
        for (int i : new int[] {100, 15_000}) {
            putDirect(device(i), OLD_MICROS);
            held.put(key(device(i), OLD_MICROS), 0L);
            oldHeld.add(key(device(i), OLD_MICROS));
        }
        // the newest flowtime seen comes through the publisher (one new key)
        publisher.offer(read("newest", NEWEST), null, new RecordHeaders());
        long total = count();
        assertEquals(recent + 7 + 1, total);

        // pass 1 visits the first 10 000 keys only: old reads beyond them are still there
        assertEquals(ReadPublisher.FORGET_BUDGET_FLOOR, publisher.forgetBudget());
        publisher.forgetOld();
        assertEquals(ReadPublisher.FORGET_BUDGET_FLOOR, publisher.forgetVisits);
        assertNull(reads.get(oldUnheld.get(0)));
        assertNull(reads.get(oldUnheld.get(1)));
        assertNotNull(reads.get(oldUnheld.get(2)), "beyond the first pass's budget");
        assertNotNull(reads.get(oldUnheld.get(4)), "beyond the first pass's budget");

        // an old read written behind the cursor is found only after the wrap-around
        putDirect(device(1), OLD_MICROS);
        oldUnheld.add(key(device(1), OLD_MICROS));

        publisher.forgetOld();
        assertEquals(ReadPublisher.FORGET_BUDGET_FLOOR, publisher.forgetVisits);
        assertNull(reads.get(oldUnheld.get(2)));
        assertNotNull(reads.get(oldUnheld.get(3)));

        // pass 3 reaches the end of the store and wraps to its start, still within its budget
        publisher.forgetOld();
        assertTrue(publisher.forgetVisits <= ReadPublisher.FORGET_BUDGET_FLOOR);
        for (String k : oldUnheld) {
            assertNull(reads.get(k), k + " is old and not held, so it is forgotten");
        }
        for (String k : oldHeld) {
            assertNotNull(reads.get(k), k + " waits for its other half, so it is kept");
        }
        assertEquals(total - 5, count(), "exactly the old, un-held reads were forgotten");

        // further passes keep going round and forget nothing else
        for (int pass = 0; pass < 4; pass++) {
            publisher.forgetOld();
            assertEquals(ReadPublisher.FORGET_BUDGET_FLOOR, publisher.forgetVisits);
        }
        assertEquals(total - 5, count());
    }

    @Test
    void aStoreSmallerThanTheBudgetIsVisitedOncePerPass() {
        for (int i = 0; i < 100; i++) {
            putDirect(device(i), i % 10 == 0 ? OLD_MICROS : RECENT_MICROS);
        }
        publisher.offer(read("newest", NEWEST), null, new RecordHeaders());
        publisher.forgetOld();
        assertEquals(101, publisher.forgetVisits);
        assertEquals(91, count());
        publisher.forgetOld();
        assertEquals(91, publisher.forgetVisits, "each entry once, though the pass wrapped");
    }

    @Test
    void theBudgetGrowsWithTheNewKeysWrittenSinceThePreviousPass() {
        for (int i = 0; i < 30_000; i++) {
            publisher.offer(read(device(i), NEWEST.minus(Duration.ofHours(i % 24))), null, new RecordHeaders());
        }
        // a repeated observation is no new key
        publisher.offer(read(device(0), NEWEST), null, new RecordHeaders());
        assertEquals(60_000, publisher.forgetBudget());
        publisher.forgetOld();
        assertEquals(30_000, publisher.forgetVisits);
        assertEquals(ReadPublisher.FORGET_BUDGET_FLOOR, publisher.forgetBudget());
        assertEquals(30_000, count(), "nothing is older than the retention");
    }
}
