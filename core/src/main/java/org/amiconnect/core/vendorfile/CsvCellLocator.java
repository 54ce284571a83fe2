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
        if (n <= 0) {
            return n;
        }
        // every character of every file passes here: the state lives in locals and the next issue's offset is
        // looked up once per issue rather than once per character
        List<DecodingIssue> issues = decoder.issues();
        long nextIssueAt = nextIssueOffset(issues);
        long at = offset;
        long start = recordStart;
        int cell = column;
        boolean inQuotes = quoted;
        for (int i = from; i < from + n; i++) {
            if (at == nextIssueAt) {
                while (nextIssue < issues.size() && issues.get(nextIssue).charOffset() == at) {
                    located.add(new Located(issues.get(nextIssue++), start, cell));
                }
                nextIssueAt = nextIssueOffset(issues);
            }
            char c = buffer[i];
            if (c == '"') {
                inQuotes = !inQuotes; // an escaped quote ("") toggles twice
            } else if (!inQuotes) {
                if (c == delimiter) {
                    cell++;
                } else if (c == '\n' || c == '\r') {
                    cell = 0;
                    start = at + 1;
                }
            }
            at++;
        }
        offset = at;
        recordStart = start;
        column = cell;
        quoted = inQuotes;
        return n;
    }

    private long nextIssueOffset(List<DecodingIssue> issues) {
        return nextIssue < issues.size() ? issues.get(nextIssue).charOffset() : -1;
    }
}
