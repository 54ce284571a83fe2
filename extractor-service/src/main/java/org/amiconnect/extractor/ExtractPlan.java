package org.amiconnect.extractor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.amiconnect.core.config.SourceConfig;

/**
 * One extract to run: which source, which named extract, which range.
 *
 * @param requestId the manual request this answers, if any
 * @param files vendor files to publish instead of asking the vendor (the range then only labels the run); empty for
 *     an extract from the vendor's system
 * @param ingestedFiles vendor files earlier runs already published, which the extractor skips (filled for scheduled
 *     runs from the run history: see {@link #withIngestedFiles})
 */
public record ExtractPlan(SourceConfig source, String extractName, Instant start, Instant end, Optional<String> requestId,
        List<Path> files, Set<String> ingestedFiles) {

    public ExtractPlan {
        files = List.copyOf(files);
        ingestedFiles = ingestedFiles == null ? Set.of() : Set.copyOf(ingestedFiles);
    }

    /** An extract of files or of a range that skips no vendor file. */
    public ExtractPlan(SourceConfig source, String extractName, Instant start, Instant end, Optional<String> requestId,
            List<Path> files) {
        this(source, extractName, start, end, requestId, files, Set.of());
    }

    /** This plan, skipping the vendor files {@code ingested} that earlier runs published. */
    public ExtractPlan withIngestedFiles(Set<String> ingested) {
        return new ExtractPlan(source, extractName, start, end, requestId, files, ingested);
    }

    /** An extract of {@code [start, end)} from the vendor's system. */
    public ExtractPlan(SourceConfig source, String extractName, Instant start, Instant end, Optional<String> requestId) {
        this(source, extractName, start, end, requestId, List.of());
    }
}
