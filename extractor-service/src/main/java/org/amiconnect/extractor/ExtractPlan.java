package org.amiconnect.extractor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.config.SourceConfig;

/**
 * One extract to run: which source, which named extract, which range.
 *
 * @param requestId the manual request this answers, if any
 * @param files vendor files to publish instead of asking the vendor (the range then only labels the run); empty for
 *     an extract from the vendor's system
 */
public record ExtractPlan(SourceConfig source, String extractName, Instant start, Instant end, Optional<String> requestId,
        List<Path> files) {

    public ExtractPlan {
        files = List.copyOf(files);
    }

    /** An extract of {@code [start, end)} from the vendor's system. */
    public ExtractPlan(SourceConfig source, String extractName, Instant start, Instant end, Optional<String> requestId) {
        this(source, extractName, start, end, requestId, List.of());
    }
}
