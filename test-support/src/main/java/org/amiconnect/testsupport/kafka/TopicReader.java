package org.amiconnect.testsupport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.amiconnect.core.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic from the beginning, as bytes, the way a downstream service sees it: {@code read_committed}.
 *
 * <p>A transaction's records become visible only once the coordinator has written its commit markers, a moment
 * <em>after</em> {@code commitTransaction()} returns; a test that reads right after a commit can see part of it (27
 * of 100). So {@link #readAll} first waits until no transaction of the cluster is still between its end and its
 * markers. Open transactions stay invisible, as they should.
 */
public final class TopicReader {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<TransactionState> ENDING = List.of(TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private final KafkaClients clients;

    /** @param clients clients of the cluster to read (their consumer settings are used, without a group) */
    public TopicReader(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * Every record of {@code topic} visible to a {@code read_committed} consumer once every ended transaction has its
     * markers, in offset order per partition.
     *
     * @throws IllegalStateException when the markers or the records do not arrive within 30 s
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        awaitTransactionMarkers();
        return read(topic, true);
    }

    /** Every record in the log of {@code topic}, those of open and aborted transactions too ({@code read_uncommitted}). */
    public List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic) {
        return read(topic, false);
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, boolean committedOnly) {
        Map<String, Object> props = clients.consumer("it-topic-reader", null);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, WAIT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " saw " + out.size()
                            + " records, expected the end offsets " + ends + " within " + WAIT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /** Waits until no transaction is committed or aborted without its markers written yet. */
    private void awaitTransactionMarkers() {
        try (Admin admin = Admin.create(clients.admin("it-topic-reader"))) {
            ListTransactionsOptions ending = new ListTransactionsOptions().filterStates(ENDING);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!admin.listTransactions(ending).all().get(30, TimeUnit.SECONDS).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("transactions still ending after " + WAIT);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for transaction markers", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("listing the transactions of the cluster failed", e);
        }
    }
}
