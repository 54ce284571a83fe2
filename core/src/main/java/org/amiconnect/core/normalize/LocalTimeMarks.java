package org.amiconnect.core.normalize;

import java.util.HashMap;
import java.util.Map;

import org.amiconnect.schemas.raw.ExtractMetadata;

/**
 * Where a {@link ClockChangeResolver}'s answers travel from the extractor to the normalizer: the raw record's
 * {@code extract.local_time_offsets} (seconds east of UTC, by field) and {@code extract.field_problems} (reason, by
 * field).
 */
public final class LocalTimeMarks {

    private LocalTimeMarks() {
    }

    /** Records a resolution of {@code field} in the metadata of a raw record. */
    public static void mark(ExtractMetadata metadata, String field, ClockChangeResolver.Resolution resolution) {
        if (resolution.offset() != null) {
            Map<String, Integer> offsets = metadata.getLocalTimeOffsets() == null ? new HashMap<>()
                    : new HashMap<>(metadata.getLocalTimeOffsets());
            offsets.put(field, resolution.offset().getTotalSeconds());
            metadata.setLocalTimeOffsets(offsets);
        }
        if (resolution.problem() != null) {
            Map<String, String> problems = metadata.getFieldProblems() == null ? new HashMap<>()
                    : new HashMap<>(metadata.getFieldProblems());
            problems.put(field, resolution.problem());
            metadata.setFieldProblems(problems);
        }
    }

    /** The offset in seconds the extractor resolved {@code field}'s local time to, or null (use the zone's default). */
    public static Integer offset(ExtractMetadata extract, String field) {
        Map<String, Integer> offsets = extract.getLocalTimeOffsets();
        return offsets == null ? null : offsets.get(field);
    }

    /** Why {@code field} makes the record a dead letter, as found across the rows of its source; null when nothing. */
    public static String problem(ExtractMetadata extract, String field) {
        Map<String, String> problems = extract.getFieldProblems();
        return problems == null ? null : problems.get(field);
    }
}
