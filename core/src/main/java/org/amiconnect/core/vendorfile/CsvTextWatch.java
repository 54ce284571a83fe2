package org.amiconnect.core.vendorfile;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Passes CSV text through to the parser and notes the few places in it that {@link CsvRecords} must find again in a
 * record and a cell: the {@link DecodingIssue}s of the {@link VendorTextDecoder} underneath (if any) and every control
 * character other than tab, CR and LF (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), which may be cell text or may
 * sit between a closing quote and the delimiter, where the parser would drop it.
 *
 * <p>The parser reads ahead through this reader, so a place is noted before the parser hands out the cell holding it.
 * A file without such places costs one comparison per character here and one per cell in {@link CsvRecords}.
 */
final class CsvTextWatch extends FilterReader {

    private final VendorTextDecoder decoder;
    /**
     * The control characters passed on and not yet taken, oldest first: each its offset in the text shifted left by
     * five bits, or'ed with the character.
     */
    private long[] controls = new long[8];
    private int controlsFrom;
    private int controlsTo;
    private int issuesTaken;
    private long offset;

    /** @param decoder the decoder {@code text} reads from, whose issues are to be placed; null for none */
    CsvTextWatch(Reader text, VendorTextDecoder decoder) {
        super(text);
        this.decoder = decoder;
    }

    /** True when the text passed on so far holds a place not yet taken. */
    boolean pending() {
        return controlsFrom < controlsTo || (decoder != null && issuesTaken < decoder.recordedIssues());
    }

    /**
     * Takes the control characters at or before {@code at} (a character offset in the text).
     *
     * @return how many of each there were, indexed by the character; null when there were none
     */
    int[] takeControls(long at) {
        int[] counts = null;
        while (controlsFrom < controlsTo && controls[controlsFrom] >>> 5 <= at) {
            if (counts == null) {
                counts = new int[' '];
            }
            counts[(int) (controls[controlsFrom++] & 0x1F)]++;
        }
        return counts;
    }

    /** The next decoding issue at or before {@code at}, taken; null when there is none. */
    DecodingIssue takeIssue(long at) {
        if (decoder == null || issuesTaken >= decoder.recordedIssues()) {
            return null;
        }
        DecodingIssue issue = decoder.issues().get(issuesTaken);
        if (issue.charOffset() > at) {
            return null;
        }
        issuesTaken++;
        return issue;
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
        // every character of every file passes here: one comparison each, the rest only for control characters
        for (int i = from, end = from + n; i < end; i++) {
            char c = buffer[i];
            if (c < ' ' && isWatchedControl(c)) {
                noteControl(offset + i - from, c);
            }
        }
        offset += n;
        return n;
    }

    /** A control character the parser would drop after a closing quote and that is not a line end or a tab. */
    static boolean isWatchedControl(char c) {
        return c < ' ' && c != '\t' && c != '\n' && c != '\r';
    }

    private void noteControl(long at, char c) {
        if (controlsTo == controls.length) {
            if (controlsFrom > 0) {
                System.arraycopy(controls, controlsFrom, controls, 0, controlsTo - controlsFrom);
                controlsTo -= controlsFrom;
                controlsFrom = 0;
            } else {
                controls = Arrays.copyOf(controls, controls.length * 2);
            }
        }
        controls[controlsTo++] = at << 5 | c;
    }
}
