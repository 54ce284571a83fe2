package org.amiconnect.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiConsumer;

import org.amiconnect.adapters.beacon360.Beacon360Normalizer;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.core.topics.RunHeaders;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills a stage's input topics before the stage is timed, the way the upstream stage would: keys
 * {@code <org>|<device>}, the {@code ami.run-id} and {@code ami.org-id} headers, Avro values in the registry's wire
 * format, committed in transactions of {@value #TRANSACTION_RECORDS} records.
 */
final class TopicFill {

    static final int TRANSACTION_RECORDS = 50_000;
    static final String RUN_ID = "bench-fill";

    private final BenchCluster cluster;

    TopicFill(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** Publishes {@code options}' utility as raw Beacon 360 rows; returns the rows published. */
    long raw(StageOptions options) {
        return raw(BeaconRows.stream(BenchCluster.ORG, RUN_ID, options.meters, options.windowStart(),
                options.windowEnd()).iterator());
    }

    /**
     * Publishes {@code hours} hourly reads of each of {@code options}' meters as raw Beacon 360 rows, hour by hour
     * (every meter's read of one hour before the next hour's), ending at {@link StageOptions#WINDOW_END}; returns the
     * rows published.
     */
    long rawByHour(StageOptions options, int hours) {
        Instant start = StageOptions.WINDOW_END.minus(Duration.ofHours(hours));
        return raw(BeaconRows.streamByHour(BenchCluster.ORG, RUN_ID, options.meters, start, hours).iterator());
    }

    private long raw(Iterator<Beacon360MeterRead> rows) {
        String topic = cluster.rawTopic();
        return publishRows(rows, "bench-fill-raw", (p, row) -> p.send(new ProducerRecord<>(topic, null,
                RecordKeys.of(BenchCluster.ORG, row.getEndpointSN()), row, headers(RUN_ID))));
    }

    /**
     * Publishes what the transformer would make of {@code options}' utility: every read to {@code ami.meter-reads},
     * and each meter once to {@code ami.meters} (the transformer publishes a meter only when it changed).
     *
     * @return reads and meters published
     */
    long[] normalized(StageOptions options) {
        Beacon360Normalizer normalizer = new Beacon360Normalizer(BeaconRows.ZONE);
        Set<String> metersSeen = new HashSet<>();
        long[] published = new long[2];
        publishRows(BeaconRows.stream(BenchCluster.ORG, RUN_ID, options.meters, options.windowStart(),
                options.windowEnd()).iterator(), "bench-fill-normalized", (p, row) -> {
            Normalized out = normalize(normalizer, row);
            for (GeneralMeter m : out.meters()) {
                String key = RecordKeys.of(m.getOrgId(), m.getDeviceId());
                if (metersSeen.add(key)) {
                    p.send(new ProducerRecord<>(cluster.topics().meters(), null, key, m, headers(RUN_ID)));
                    published[1]++;
                }
            }
            for (GeneralMeterRead r : out.reads()) {
                p.send(new ProducerRecord<>(cluster.topics().meterReads(), null,
                        RecordKeys.of(r.getOrgId(), r.getDeviceId()), r, headers(RUN_ID)));
                published[0]++;
            }
        });
        return published;
    }

    /**
     * Hands each of {@code rows} to {@code publish}, in transactions of {@link #TRANSACTION_RECORDS} rows on one
     * transactional producer; returns the rows handed.
     */
    private long publishRows(Iterator<Beacon360MeterRead> rows, String producerName,
            BiConsumer<Producer<String, SpecificRecord>, Beacon360MeterRead> publish) {
        try (Producer<String, SpecificRecord> p = producer(producerName)) {
            p.initTransactions();
            long n = 0;
            while (rows.hasNext()) {
                if (n % TRANSACTION_RECORDS == 0) {
                    p.beginTransaction();
                }
                publish.accept(p, rows.next());
                if (++n % TRANSACTION_RECORDS == 0) {
                    p.commitTransaction();
                }
            }
            if (n % TRANSACTION_RECORDS != 0) {
                p.commitTransaction();
            }
            return n;
        }
    }

    /** A transactional producer with the extractor's settings (lz4, 256 KiB batches, 20 ms linger). */
    Producer<String, SpecificRecord> producer(String name) {
        return new KafkaProducer<>(cluster.clients().transactionalProducer(name, name), new StringSerializer(),
                new AvroSerializer<>(cluster.registry()));
    }

    static RecordHeaders headers(String runId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RunHeaders.ORG_ID, BenchCluster.ORG.getBytes(StandardCharsets.UTF_8));
        headers.add(RunHeaders.RUN_ID, runId.getBytes(StandardCharsets.UTF_8)); // last, as the extractor writes it
        return headers;
    }

    private static Normalized normalize(Beacon360Normalizer normalizer, Beacon360MeterRead row) {
        try {
            return normalizer.normalize(row);
        } catch (NormalizationException e) {
            throw new IllegalStateException("a simulated row does not normalize: " + e.getMessage(), e);
        }
    }
}
