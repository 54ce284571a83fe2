package org.amiconnect.core.vendorfile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.amiconnect.schemas.raw.ExtractMetadata;

/** One data row of a vendor file, read by the vendor's declared columns. Valid only inside the row callback. */
public final class VendorRow {

    private final long number;
    private final CsvRecords record;
    private final HeaderMatch match;
    private final VendorColumns columns;

    VendorRow(long number, CsvRecords record, HeaderMatch match, VendorColumns columns) {
        this.number = number;
        this.record = record;
        this.match = match;
        this.columns = columns;
    }

    /** 1-based number of the data row (records, not lines: a quoted cell may span lines; empty lines do not count). */
    public long number() {
        return number;
    }

    /**
     * The cell of a declared column by its index in {@link VendorColumns#names()}: the text as written ({@code ""} for
     * an empty cell), or null when the file has no such column or the row ends before it.
     */
    public String get(int declared) {
        int i = match.fileIndexByDeclared[declared];
        return i < 0 || i >= record.size() ? null : record.get(i);
    }

    /** The cell of a declared column by name, as {@link #get(int)}. */
    public String get(String declared) {
        return get(columns.index(declared));
    }

    /**
     * Cells of the file's columns the vendor does not declare, by header name (cells past the header as
     * {@code column N}); null when there are none.
     */
    public Map<String, String> extraColumns() {
        if (match.extraIndexes.isEmpty() && record.size() <= match.headerSize) {
            return null;
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (int k = 0; k < match.extraIndexes.size(); k++) {
            int i = match.extraIndexes.get(k);
            if (i < record.size()) {
                extra.put(match.extraNames.get(k), record.get(i));
            }
        }
        for (int i = match.headerSize; i < record.size(); i++) {
            extra.put("column " + (i + 1), record.get(i));
        }
        return extra.isEmpty() ? null : extra;
    }

    /** The extract metadata of the raw record this row becomes: where it came from and its extra columns. */
    public ExtractMetadata metadata(String orgId, String runId, Instant extractedAt, String source) {
        // the constructor rather than a builder: a report has a million rows, and builders copy defaults per field
        return new ExtractMetadata(orgId, runId, extractedAt, source, number, extraColumns(), null, null);
    }
}
