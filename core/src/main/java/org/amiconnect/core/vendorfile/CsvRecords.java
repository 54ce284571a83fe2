package org.amiconnect.core.vendorfile;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Streams the records of RFC 4180 text one at a time (jackson-dataformat-csv underneath), read as Commons CSV's
 * {@code RFC4180} format with empty lines ignored reads them, which {@code VendorCsvQuotingTest} pins:
 * <ul>
 *   <li>comma-separated cells; a cell that starts with a double quote is quoted: it may hold commas, line breaks
 *       (CR, LF, CRLF) and doubled quotes, and only spaces may follow its closing quote before the delimiter or the
 *       line end; a quote inside an unquoted cell is text; no escape character, no trimming;</li>
 *   <li>records end at CR, LF or CRLF; an empty line is no record (a line {@code ""} is: one empty cell).</li>
 * </ul>
 * One difference from Commons CSV remains, in malformed files only: between a closing quote and the delimiter Jackson
 * skips every character up to U+0020 where Commons CSV skipped Java whitespace, so a control character there
 * (U+0000–U+0008, U+000E–U+001B) is dropped instead of failing the file, and a Unicode space (U+1680,
 * U+2000–U+2006, U+2008–U+200A, U+3000…) fails the file instead of being dropped.
 *
 * <p>The current record's cells are held in a buffer reused for the next record.
 */
final class CsvRecords implements Closeable {

    /**
     * Empty unquoted cells come out as null tokens so that an empty line (one empty unquoted cell) is told apart from a
     * line holding {@code ""}; Jackson's own SKIP_EMPTY_LINES also drops the leading spaces of the next line.
     */
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL)
            .build();

    /** A record or its text breaks RFC 4180; the message says where (line numbers are 1-based). */
    static final class MalformedCsvException extends Exception {

        MalformedCsvException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CsvParser parser;
    private String[] cells = new String[32];
    private int size;
    private long start;
    private int line;

    CsvRecords(Reader text) throws IOException {
        this.parser = FACTORY.createParser(text);
    }

    /**
     * Moves to the next record, skipping empty lines.
     *
     * @return false at the end of the text
     * @throws MalformedCsvException when the text is not RFC 4180
     * @throws IOException when the reader fails
     */
    boolean next() throws IOException, MalformedCsvException {
        try {
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                size = 0;
                boolean firstEmptyUnquoted = false;
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (size == 0) {
                        JsonLocation at = parser.currentTokenLocation();
                        start = at.getCharOffset();
                        line = at.getLineNr();
                        firstEmptyUnquoted = t == JsonToken.VALUE_NULL;
                    }
                    add(t == JsonToken.VALUE_NULL ? "" : parser.getText());
                }
                if (size != 1 || !firstEmptyUnquoted) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /** Cells of the current record. */
    int size() {
        return size;
    }

    /** The text of cell {@code i} (0-based, below {@link #size()}) of the current record, {@code ""} when empty. */
    String get(int i) {
        return cells[i];
    }

    /** Character offset in the text at which the current record starts. */
    long start() {
        return start;
    }

    /** The current record's cells, copied. */
    String[] toArray() {
        return Arrays.copyOf(cells, size);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private void add(String cell) {
        if (size == cells.length) {
            cells = Arrays.copyOf(cells, size * 2);
        }
        cells[size++] = cell;
    }

    private MalformedCsvException malformed(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        if (problem.startsWith("Missing closing quote")) {
            // the record's first cell may be the unclosed one: then the parser's token is where the record starts
            int from = size == 0 ? parser.currentTokenLocation().getLineNr() : line;
            return new MalformedCsvException("the text ends inside a quoted cell (startline " + from
                    + ": the record starting there never closes its quote)", e);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line: " + at.getLineNr() + ", column " + at.getColumnNr();
        if (problem.startsWith("Unexpected character")) {
            return new MalformedCsvException("text after the closing quote of a cell" + where + " (only spaces may come "
                    + "before the delimiter or the line end): " + problem, e);
        }
        return new MalformedCsvException(problem + where, e);
    }
}
