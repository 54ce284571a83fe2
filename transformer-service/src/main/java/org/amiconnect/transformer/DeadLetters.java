package org.amiconnect.transformer;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.raw.ExtractMetadata;

/** Builds dead letters that keep the original bytes and say exactly why and where a record failed. */
final class DeadLetters {

    static final String STAGE_DESERIALIZE = "deserialize";
    static final String STAGE_NORMALIZE = "normalize";
    /** A read whose meter metadata did not arrive within the vendor's grace, and whose vendor rule is a dead letter. */
    static final String STAGE_JOIN = "join";

    private DeadLetters() {
    }

    static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String stage,
            Throwable error, ExtractMetadata extract, Instant now) {
        String source = extract == null ? null
                : extract.getSource() + (extract.getSourceRecord() == null ? "" : " row " + extract.getSourceRecord());
        return DeadLetter.newBuilder()
                .setOriginalTopic(topic)
                .setOriginalPartition(partition)
                .setOriginalOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setStage(stage)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(error.getMessage() == null ? error.toString() : error.getMessage())
                .setOrgId(extract == null ? null : extract.getOrgId())
                .setRunId(extract == null ? null : extract.getRunId())
                .setSource(source)
                .setFailedAt(now)
                .build();
    }
}
