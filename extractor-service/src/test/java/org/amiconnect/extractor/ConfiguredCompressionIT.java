package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.amiconnect.core.config.KafkaSettings;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka.compression-type} is the codec of the batches the transactional producers write (the extractor's raw
 * records): the broker's log holds gzip batches when gzip is configured, and a read_committed consumer reads them.
 */
class ConfiguredCompressionIT {

    @Test
    void transactionalProducersWriteTheConfiguredCodecAndConsumersReadIt() throws Exception {
        String prefix = SharedBroker.uniquePrefix("compression");
        KafkaSettings shared = SharedBroker.settings(prefix);
        KafkaClients clients = new KafkaClients(new KafkaSettings(shared.bootstrapServers(), prefix, 1, (short) 1,
                shared.embeddedDataDir(), 0, 0, Map.of(), Map.of(), "gzip"));
        String topic = prefix + "ami.raw.test.compressed";
        try (Admin admin = Admin.create(clients.admin("compression-it-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                clients.transactionalProducer("compression-it", prefix + "compression-it"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, ("read " + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.commitTransaction();
        }

        List<ConsumerRecord<byte[], byte[]>> read = new TopicReader(clients).readAll(topic);

        assertThat(read).hasSize(100);
        assertThat(new String(read.get(99).value(), StandardCharsets.UTF_8)).isEqualTo("read 99");
        assertThat(codecsInTheBrokersLog(topic + "-0")).contains(CompressionType.GZIP)
                .doesNotContain(CompressionType.LZ4);
    }

    /** The codecs of the data batches in the shared broker's log of one partition (control batches are never compressed). */
    private static Set<CompressionType> codecsInTheBrokersLog(String partitionDir) throws IOException {
        Set<CompressionType> codecs = new HashSet<>();
        List<Path> segments = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedBroker.broker().dataDir())) {
            files.filter(f -> f.getParent().getFileName().toString().equals(partitionDir)
                    && f.getFileName().toString().endsWith(".log")).forEach(segments::add);
        }
        assertThat(segments).as("segments of %s", partitionDir).isNotEmpty();
        for (Path segment : segments) {
            try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
                for (RecordBatch batch : records.batches()) {
                    if (!batch.isControlBatch()) {
                        codecs.add(batch.compressionType());
                    }
                }
            }
        }
        return codecs;
    }
}
