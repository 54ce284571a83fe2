package org.amiconnect.archiver.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * One archived Kafka record: whole, as it was consumed. Byte arrays are shared, not copied; treat them as read-only.
 *
 * @param timestamp epoch milliseconds, -1 when the record had none
 */
public record ArchivedRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
        byte[] key, byte[] value, List<Header> headers) {

    /** A record header; the value may be null. */
    public record Header(String key, byte[] value) {
    }

    public static ArchivedRecord of(ConsumerRecord<byte[], byte[]> r) {
        List<Header> headers = new ArrayList<>();
        r.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
        return new ArchivedRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(), r.key(),
                r.value(), List.copyOf(headers));
    }

    /** The key as text (AMI Connect keys are UTF-8 {@code <org_id>|<id>}), or null. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The first value of a header, or null. */
    public byte[] header(String name) {
        for (Header h : headers) {
            if (h.key().equals(name)) {
                return h.value();
            }
        }
        return null;
    }
}
