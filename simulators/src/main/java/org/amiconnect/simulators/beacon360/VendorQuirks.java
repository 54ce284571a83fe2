package org.amiconnect.simulators.beacon360;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * Ways the simulated Export Data Service departs from the clean protocol the way real vendor systems do, to test that a
 * client copes (fault injection). {@link #none()} is the clean protocol.
 *
 * @param byteOrderMark      reports start with a byte order mark (U+FEFF in the report's character set, which must
 *                           then be a Unicode one: the three bytes EF BB BF for UTF-8)
 * @param charset            the character set reports are written in; Windows-1252 writes the Ñ of a street name as
 *                           the single byte 0xD1, which is not valid UTF-8
 * @param declareCharset     the download's Content-Type names the character set ({@code text/csv; charset=…});
 *                           otherwise it is plain {@code text/csv}, as the vendor sends it
 * @param omittedColumns     requested columns the report leaves out (exact header names)
 * @param retryWaitAsText    a 429 names its wait as JSON text ({@code "args": [null, null, "3"]}) and sends no
 *                           Retry-After header
 */
public record VendorQuirks(
        boolean byteOrderMark,
        Charset charset,
        boolean declareCharset,
        Set<String> omittedColumns,
        boolean retryWaitAsText) {

    public VendorQuirks {
        Objects.requireNonNull(charset, "charset");
        omittedColumns = Set.copyOf(omittedColumns);
        if (byteOrderMark && !charset.name().startsWith("UTF-")) {
            throw new IllegalArgumentException("a byte order mark needs a Unicode character set, not " + charset);
        }
        for (String column : omittedColumns) {
            if (BeaconColumn.byName(column) == null) {
                throw new IllegalArgumentException("no report column " + column + " to omit");
            }
        }
    }

    /** The clean protocol: UTF-8 without a byte order mark, every requested column, numeric waits. */
    public static VendorQuirks none() {
        return new VendorQuirks(false, StandardCharsets.UTF_8, false, Set.of(), false);
    }

    public VendorQuirks withByteOrderMark(boolean byteOrderMark) {
        return new VendorQuirks(byteOrderMark, charset, declareCharset, omittedColumns, retryWaitAsText);
    }

    /** Reports in {@code charset}; {@code declare} names it in the download's Content-Type. */
    public VendorQuirks withCharset(Charset charset, boolean declare) {
        return new VendorQuirks(byteOrderMark, charset, declare, omittedColumns, retryWaitAsText);
    }

    public VendorQuirks withOmittedColumns(String... columns) {
        return new VendorQuirks(byteOrderMark, charset, declareCharset, Set.of(columns), retryWaitAsText);
    }

    public VendorQuirks withRetryWaitAsText(boolean retryWaitAsText) {
        return new VendorQuirks(byteOrderMark, charset, declareCharset, omittedColumns, retryWaitAsText);
    }

    /** The download's Content-Type. */
    String contentType() {
        return declareCharset ? "text/csv; charset=" + charset.name() : "text/csv";
    }
}
