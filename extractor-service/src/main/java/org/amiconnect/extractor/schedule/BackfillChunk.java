package org.amiconnect.extractor.schedule;

import java.time.Instant;

/**
 * One chunk of a backfill.
 *
 * @param index counting from 1; chunk 1 ends at the backfill's end_date
 * @param count chunks in the backfill
 * @param start inclusive, UTC
 * @param end exclusive, UTC
 */
public record BackfillChunk(int index, int count, Instant start, Instant end) {
}
