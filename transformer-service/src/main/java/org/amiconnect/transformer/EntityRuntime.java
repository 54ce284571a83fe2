package org.amiconnect.transformer;

import java.util.Map;

import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One raw entity of a vendor as the transformer runs it: its topic, how its bytes are read and each configured org's
 * normalizer. Turns raw bytes into {@link Normalized} records or a failure naming the stage.
 */
final class EntityRuntime {

    final EntityPlan plan;
    final String topic;
    final String name;
    private final Deserializer<? extends SpecificRecord> deserializer;
    private final Map<String, Normalizer> normalizersByOrg;

    EntityRuntime(EntityPlan plan, String topic, Deserializer<? extends SpecificRecord> deserializer,
            Map<String, Normalizer> normalizersByOrg) {
        this.plan = plan;
        this.topic = topic;
        this.name = plan.entity().vendor() + "." + plan.entity().name();
        this.deserializer = deserializer;
        this.normalizersByOrg = Map.copyOf(normalizersByOrg);
    }

    /** What raw bytes became: normalized records, or the stage and error that stopped them. */
    record Outcome(Normalized normalized, ExtractMetadata extract, String stage, Exception error) {

        boolean failed() {
            return error != null;
        }
    }

    Outcome normalize(byte[] value) {
        SpecificRecord raw;
        try {
            raw = deserializer.deserialize(topic, value);
            if (raw == null) {
                throw new IllegalArgumentException("record has no value (tombstone)");
            }
        } catch (RuntimeException e) {
            return new Outcome(null, null, DeadLetters.STAGE_DESERIALIZE, e);
        }
        ExtractMetadata extract = (ExtractMetadata) raw.get(raw.getSchema().getField("extract").pos());
        Normalizer normalizer = normalizersByOrg.get(extract.getOrgId());
        if (normalizer == null) {
            return new Outcome(null, extract, DeadLetters.STAGE_NORMALIZE, new IllegalStateException("org '"
                    + extract.getOrgId() + "' has no source in config.yaml, so its records cannot be normalized"));
        }
        try {
            return new Outcome(normalizer.normalize(raw), extract, null, null);
        } catch (NormalizationException | RuntimeException e) {
            return new Outcome(null, extract, DeadLetters.STAGE_NORMALIZE, e);
        }
    }
}
