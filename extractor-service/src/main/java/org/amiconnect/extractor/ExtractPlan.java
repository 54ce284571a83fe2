package org.amiconnect.extractor;

import java.time.Instant;
import java.util.Optional;

import org.amiconnect.core.config.SourceConfig;

/**
 * One extract to run: which source, which named extract, which range.
 *
 * @param requestId the manual request this answers, if any
 */
public record ExtractPlan(SourceConfig source, String extractName, Instant start, Instant end, Optional<String> requestId) {
}
