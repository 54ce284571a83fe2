package org.amiconnect.core.vendorfile;

import java.io.FilterReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes decoded CSV text through while following its structure (quotes, delimiters, line ends), so each
 * {@link DecodingIssue} of the {@link VendorTextDecoder} underneath can be placed in a record and a column. The CSV
 * parser reads ahead through this reader, so an issue is placed before the parser hands out the record holding it.
 */
final class CsvCellLocator extends FilterReader {

    /**
     * @param recordStart character offset at which the issue's record starts (what the parser reports as the record's
     *     character position)
     * @param column 0-based column of the cell holding the issue
     */
    record Located(DecodingIssue issue, long recordStart, int column) {
    }

    private final VendorTextDecoder decoder;
    private final char delimiter;
    private final List<Located> located = new ArrayList<>();
    private int nextIssue;
    private long offset;
    private long recordStart;
    private int column;
    private boolean quoted;

    CsvCellLocator(VendorTextDecoder decoder, char delimiter) {
        super(decoder);
        this.decoder = decoder;
        this.delimiter = delimiter;
    }

    /** The issues placed so far, in file order. */
    List<Located> located() {
        return located;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int from, int length) throws IOException {
        int n = super.read(buffer, from, length);
        List<DecodingIssue> issues = decoder.issues();
        for (int i = from; i < from + n; i++) {
            while (nextIssue < issues.size() && issues.get(nextIssue).charOffset() == offset) {
                located.add(new Located(issues.get(nextIssue++), recordStart, column));
            }
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted; // an escaped quote ("") toggles twice
            } else if (!quoted) {
                if (c == delimiter) {
                    column++;
                } else if (c == '\n' || c == '\r') {
                    column = 0;
                    recordStart = offset + 1;
                }
            }
            offset++;
        }
        return n;
    }
}
