package org.amiconnect.core.adapter;

/**
 * What an extractor saw besides the records it published.
 *
 * @param sourceRows rows or items read from the vendor
 * @param skipped rows that could not become raw records (reasons are logged)
 * @param source the vendor file, report or request the records came from
 */
public record ExtractSummary(long sourceRows, long skipped, String source) {
}
