package org.amiconnect.core.adapter;

import java.util.List;

/**
 * What an extractor saw besides the records it published.
 *
 * @param sourceRows rows or items read from the vendor
 * @param skipped rows that could not become raw records (reasons are logged)
 * @param source the vendor file, report or request the records came from
 * @param warnings problems that did not stop the extract but that an operator must see (a missing optional column,
 *     bytes that were not valid in the file's character set, ...), one line each, each naming the source; the
 *     extractor service keeps them in the run's state
 * @param ingestedFiles the vendor files this run published in full, each named as the adapter identifies a file
 *     (e.g. {@code name@size}); kept in the run's state ({@code ExtractRun.ingested_files}) so that later scheduled
 *     runs skip them ({@link ExtractWindow#ingestedFiles()}). Empty for vendors without files
 */
public record ExtractSummary(long sourceRows, long skipped, String source, List<String> warnings,
        List<String> ingestedFiles) {

    public ExtractSummary {
        warnings = List.copyOf(warnings);
        ingestedFiles = ingestedFiles == null ? List.of() : List.copyOf(ingestedFiles);
    }

    /** A summary of an extract that ingested no file. */
    public ExtractSummary(long sourceRows, long skipped, String source, List<String> warnings) {
        this(sourceRows, skipped, source, warnings, List.of());
    }

    /** A summary without warnings. */
    public ExtractSummary(long sourceRows, long skipped, String source) {
        this(sourceRows, skipped, source, List.of());
    }
}
