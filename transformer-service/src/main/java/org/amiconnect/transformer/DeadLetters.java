package org.amiconnect.transformer;

import java.time.Instant;

import org.amiconnect.schemas.dlq.DeadLetter;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead letters that keep the original bytes and say exactly why and where a record failed. */
final class DeadLetters {

    static final String STAGE_DESERIALIZE = "deserialize";
    static final String STAGE_NORMALIZE = "normalize";

    private DeadLetters() {
    }

    static DeadLetter of(RecordMetadata origin, byte[] key, byte[] value, String stage, Throwable error, String orgId,
            String runId, String source, Instant now) {
        return DeadLetter.newBuilder()
                .setOriginalTopic(origin.topic())
                .setOriginalPartition(origin.partition())
                .setOriginalOffset(origin.offset())
                .setOriginalKey(key == null ? null : java.nio.ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : java.nio.ByteBuffer.wrap(value))
                .setStage(stage)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(error.getMessage() == null ? error.toString() : error.getMessage())
                .setOrgId(orgId)
                .setRunId(runId)
                .setSource(source)
                .setFailedAt(now)
                .build();
    }
}
