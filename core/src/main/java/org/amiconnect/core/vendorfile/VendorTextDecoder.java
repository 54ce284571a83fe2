package org.amiconnect.core.vendorfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes the bytes of a vendor file into text without ever failing on them (see {@link TextEncoding} for the rules):
 * a leading byte order mark is skipped and decides the character set (UTF-8, UTF-16BE, UTF-16LE); a byte sequence that
 * is not valid in the set is read as Windows-1252 when the set is UTF-8, else as U+FFFD, and recorded as a
 * {@link DecodingIssue}. Only the first {@value #RECORDED_ISSUES} issues are kept; all are counted.
 */
public final class VendorTextDecoder extends Reader {

    /** Issues kept with their offsets, for warnings; a file with more is summarised by the count. */
    public static final int RECORDED_ISSUES = 20;
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private final List<DecodingIssue> issues = new ArrayList<>();
    private TextEncoding encoding;
    private CharsetDecoder decoder;
    private boolean byteOrderMarkChecked;
    private String byteOrderMark;
    private boolean inputDone;
    private boolean flushed;
    /** Absolute offset in the file of the next byte to decode. */
    private long bytesDecoded;
    /** Characters produced before the current content of {@link #chars}. */
    private long charsProduced;
    private long issueCount;

    /** @param encoding the set to decode with unless the file starts with a byte order mark */
    public VendorTextDecoder(InputStream in, TextEncoding encoding) {
        this.in = in;
        this.encoding = encoding;
    }

    /** The set in use: the byte order mark's, else the one given. Final once reading has started. */
    public TextEncoding encoding() {
        return encoding;
    }

    /** The byte order mark the file started with ({@code UTF-8}, {@code UTF-16BE}, {@code UTF-16LE}), or null. */
    public String byteOrderMark() {
        return byteOrderMark;
    }

    /** Invalid byte sequences met so far. */
    public long issueCount() {
        return issueCount;
    }

    /** How many issues {@link #issues()} holds so far (at most {@value #RECORDED_ISSUES}). */
    int recordedIssues() {
        return issues.size();
    }

    /** The first {@value #RECORDED_ISSUES} of them, in file order. */
    public List<DecodingIssue> issues() {
        return Collections.unmodifiableList(issues);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Decodes the next chunk into {@link #chars}; false at the end of the file. */
    private boolean fill() throws IOException {
        chars.clear();
        long firstChar = charsProduced;
        while (chars.position() == 0 && !flushed) {
            if (!inputDone && bytes.hasRemaining()) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    inputDone = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
            }
            if (!byteOrderMarkChecked) {
                if (!inputDone && bytes.position() < 3) {
                    continue;
                }
                skipByteOrderMark();
            }
            bytes.flip();
            decode(firstChar);
            boolean drained = !bytes.hasRemaining();
            bytes.compact();
            if (inputDone && drained) {
                decoder.flush(chars);
                flushed = true;
            }
        }
        chars.flip();
        charsProduced += chars.remaining();
        return chars.hasRemaining();
    }

    /** Decodes what {@link #bytes} holds, replacing invalid sequences, until it needs more input or more room. */
    private void decode(long firstChar) {
        while (true) {
            int before = bytes.position();
            CoderResult result = decoder.decode(bytes, chars, inputDone);
            bytesDecoded += bytes.position() - before;
            if (result.isUnderflow() || result.isOverflow()) {
                return;
            }
            byte[] bad = new byte[result.length()];
            bytes.get(bytes.position(), bad);
            String readAs = encoding.fallsBackToWindows1252() ? new String(bad, TextEncoding.WINDOWS_1252) : "\uFFFD";
            if (chars.remaining() < readAs.length()) {
                return; // reported again by the next decode, when there is room
            }
            bytes.position(bytes.position() + bad.length);
            issueCount++;
            if (issues.size() < RECORDED_ISSUES) {
                issues.add(new DecodingIssue(bytesDecoded, firstChar + chars.position(), bad, readAs));
            }
            bytesDecoded += bad.length;
            chars.put(readAs);
        }
    }

    private void skipByteOrderMark() {
        byte[] b = bytes.array();
        int n = bytes.position();
        int length = 0;
        Charset marked = null;
        if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            length = 3;
            marked = StandardCharsets.UTF_8;
        } else if (n >= 2 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) {
            length = 2;
            marked = StandardCharsets.UTF_16BE;
        } else if (n >= 2 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) {
            length = 2;
            marked = StandardCharsets.UTF_16LE;
        }
        if (marked != null) {
            byteOrderMark = marked.name();
            if (!marked.equals(encoding.charset())) {
                encoding = new TextEncoding(marked, "the file's " + marked.name() + " byte order mark");
            }
            bytes.flip().position(length);
            bytes.compact();
            bytesDecoded = length;
        }
        decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byteOrderMarkChecked = true;
    }
}
