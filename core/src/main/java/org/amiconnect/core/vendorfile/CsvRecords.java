package org.amiconnect.core.vendorfile;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *       (CR, LF, CRLF) and doubled quotes; a quote inside an unquoted cell is text; no escape character, no trimming;
 *       every other character, control characters included, is cell text;</li>
 *   <li>between a closing quote and the delimiter (or the line end) only spaces (U+0020) and tabs may come, and are
 *       not part of the cell; anything else there fails the file, naming the line and the cell: text, a control
 *       character (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), a Unicode space (U+00A0, U+2000…, U+3000);</li>
 *   <li>records end at CR, LF or CRLF; an empty line is no record (a line {@code ""} is: one empty cell).</li>
 * </ul>
 * The closing-quote rule is stricter than Commons CSV's, which skipped any Java whitespace there (so dropped U+000B,
 * U+000C, U+001C–U+001F and Unicode spaces such as U+2000 unseen) and failed on the other control characters; and
 * than Jackson's own, which skips any character up to U+0020. A character there is either a misplaced part of the cell
 * or damage, and a file is never altered unseen: the error names the character. Spaces and tabs stay allowed because
 * writers pad columns with them. Jackson drops the control characters there, so {@link CsvTextWatch} notes where
 * each control character of the text is and a cell whose text holds fewer of them than its stretch of the file
 * fails; a file without control characters pays one comparison per character and one per cell for this.
 *
 * <p>When the text comes from a {@link VendorTextDecoder}, each of its recorded {@link DecodingIssue}s is placed in
 * its record and cell ({@link #located()}) as the records go by.
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

    /**
     * A decoding issue placed in the text.
     *
     * @param recordStart character offset at which the issue's record starts ({@link #start()} of that record)
     * @param column 0-based column of the cell holding the issue
     */
    record Located(DecodingIssue issue, long recordStart, int column) {
    }

    /** A record or its text breaks RFC 4180; the message says where (line numbers are 1-based). */
    static final class MalformedCsvException extends Exception {

        private final int cell;

        MalformedCsvException(String message, int cell, Throwable cause) {
            super(message, cause);
            this.cell = cell;
        }

        /** 0-based index, in its record, of the cell at fault; -1 when the fault is not in one cell. */
        int cell() {
            return cell;
        }
    }

    /** The code of the character in Jackson's "Unexpected character ('x' (code 120))". */
    private static final Pattern CHARACTER_CODE = Pattern.compile("\\(code (\\d+)");

    private final CsvParser parser;
    private final CsvTextWatch watch;
    private final List<Located> located = new ArrayList<>();
    private String[] cells = new String[32];
    private int size;
    private long start;
    private int line;

    /**
     * @param text the CSV text
     * @param decoder the decoder {@code text} reads from, whose issues are to be placed; null when there is none
     */
    CsvRecords(Reader text, VendorTextDecoder decoder) throws IOException {
        this.watch = new CsvTextWatch(text, decoder);
        this.parser = FACTORY.createParser(watch);
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
                    if (watch.pending()) {
                        place(size - 1);
                    }
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

    /** The decoding issues placed so far, in file order. */
    List<Located> located() {
        return located;
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

    /**
     * Places what the text watch noted up to the end of the cell just read (the parser's position: the delimiter, or
     * the cell's last character before a line end or the end of the text): decoding issues are recorded; control
     * characters the cell's text does not hold were dropped after its closing quote and fail the file.
     */
    private void place(int cell) throws MalformedCsvException {
        JsonLocation end = parser.currentLocation();
        long at = end.getCharOffset();
        for (DecodingIssue issue = watch.takeIssue(at); issue != null; issue = watch.takeIssue(at)) {
            located.add(new Located(issue, start, cell));
        }
        int[] dropped = watch.takeControls(at);
        if (dropped == null) {
            return;
        }
        String text = cells[cell];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (CsvTextWatch.isWatchedControl(c)) {
                dropped[c]--;
            }
        }
        StringBuilder named = new StringBuilder();
        for (int c = 0; c < dropped.length; c++) {
            if (dropped[c] > 0) {
                named.append(named.isEmpty() ? "" : ", ").append(String.format("U+%04X", c));
            }
        }
        if (!named.isEmpty()) {
            throw new MalformedCsvException("control character " + named + " after the closing quote of a cell at "
                    + "line: " + end.getLineNr() + " (only spaces and tabs may come before the delimiter or the line end)",
                    cell, null);
        }
    }

    private MalformedCsvException malformed(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        if (problem.startsWith("Missing closing quote")) {
            // the record's first cell may be the unclosed one: then the parser's token is where the record starts
            int from = size == 0 ? parser.currentTokenLocation().getLineNr() : line;
            return new MalformedCsvException("the text ends inside a quoted cell (startline " + from
                    + ": the record starting there never closes its quote)", size, e);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line: " + at.getLineNr() + ", column " + at.getColumnNr();
        if (problem.startsWith("Unexpected character")) {
            // Jackson's location is just past the character
            where = at == null ? "" : " at line: " + at.getLineNr() + ", column " + (at.getColumnNr() - 1);
            Matcher code = CHARACTER_CODE.matcher(problem);
            String what = code.find() ? describe(Integer.parseInt(code.group(1))) : "text (" + problem + ")";
            return new MalformedCsvException(what + " after the closing quote of a cell" + where + " (only spaces and "
                    + "tabs may come before the delimiter or the line end)", size, e);
        }
        return new MalformedCsvException(problem + where, -1, e);
    }

    /** E.g. {@code character U+2000 (' ')}. */
    private static String describe(int c) {
        return String.format("character U+%04X ('%s')", c, new String(Character.toChars(c)));
    }
}
