package org.amiconnect.archiver.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.archiver.format.ArchivedRecord;
import org.amiconnect.core.topics.OriginalTimestamp;
import org.amiconnect.core.topics.RunHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What a replay publishes for one archived record. */
class ReplayedRecordTest {

    private static final String TOPIC = "ami.raw.beacon360.meter-read";
    private static final long ARCHIVED = 1_741_557_600_000L; // 2025-03-09T22:00:00Z

    private static ArchivedRecord archived(long timestamp, ArchivedRecord.Header... headers) {
        return new ArchivedRecord(TOPIC, 2, 41, timestamp, TimestampType.CREATE_TIME, bytes("utility_a|ep-1"),
                bytes("value"), List.of(headers));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> headers(ProducerRecord<byte[], byte[]> record) {
        List<String> out = new ArrayList<>();
        for (Header h : record.headers()) {
            out.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aReplayedRecordTakesThePublishTimeAndKeepsItsArchivedTimestampInAHeader() {
        ProducerRecord<byte[], byte[]> out = ArchiveReplay.toProducerRecord(TOPIC,
                archived(ARCHIVED, new ArchivedRecord.Header(RunHeaders.RUN_ID, bytes("run-7"))), bytes("value"));

        assertThat(out.timestamp()).as("none: the producer stamps the time it publishes").isNull();
        assertThat(out.partition()).isEqualTo(2);
        assertThat(out.key()).isEqualTo(bytes("utility_a|ep-1"));
        assertThat(headers(out)).containsExactly("ami.run-id=run-7", "ami.original-timestamp=1741557600000");
    }

    @Test
    void aRecordReplayedASecondTimeKeepsTheTimestampItWasFirstPublishedWith() {
        long firstReplay = 1_796_162_400_000L;
        ProducerRecord<byte[], byte[]> out = ArchiveReplay.toProducerRecord(TOPIC, archived(firstReplay,
                new ArchivedRecord.Header(OriginalTimestamp.HEADER, OriginalTimestamp.encode(ARCHIVED))),
                bytes("value"));

        assertThat(headers(out)).containsExactly("ami.original-timestamp=1741557600000");
    }

    @Test
    void aRecordArchivedWithoutATimestampGetsNoHeader() {
        ProducerRecord<byte[], byte[]> out = ArchiveReplay.toProducerRecord(TOPIC, archived(-1), bytes("value"));

        assertThat(out.timestamp()).isNull();
        assertThat(headers(out)).isEmpty();
    }
}
