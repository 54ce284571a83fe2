package org.amiconnect.adapters.aclara;

import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;
import org.amiconnect.core.vendorfile.VendorRow;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.aclara.AclaraMeterRead;
import org.apache.avro.Schema;

/**
 * Reads an Aclara readings file into raw records, one per row, with the shared {@link VendorCsv} reader (row by row:
 * a file is never held whole): columns matched by header name, a file lacking a required column
 * ({@link AclaraColumns#REQUIRED}) rejected before its first row, a byte order mark skipped. Every row becomes a
 * record, DETECTOR CHECK rows and ERROR reads included: the raw table keeps what the vendor wrote, the normalizer
 * decides.
 *
 * <p>Failures: {@link org.amiconnect.core.vendorfile.VendorFileException} (not CSV, missing columns) and
 * {@link java.io.UncheckedIOException} (the bytes could not be read), each naming the file.
 */
public final class AclaraRawRecords {

    private static final Schema SCHEMA = AclaraMeterRead.getClassSchema();
    private static final int EXTRACT_FIELD = SCHEMA.getField("extract").pos();
    private static final int[] FIELD_BY_COLUMN = AclaraColumns.DECLARED.names().stream()
            .mapToInt(name -> SCHEMA.getField(name).pos()).toArray();

    private AclaraRawRecords() {
    }

    /**
     * Parses every data row of a file and hands one raw record per row to {@code consumer}.
     *
     * @param encoding the character set to decode with unless the file starts with a byte order mark
     * @param source names the file in every record's metadata and in warnings
     * @return the row count and the warnings about the file
     */
    public static VendorCsv.Result read(InputStream file, TextEncoding encoding, String orgId, String runId,
            Instant extractedAt, String source, Consumer<AclaraMeterRead> consumer) {
        return VendorCsv.read(file, encoding, AclaraColumns.DECLARED, source,
                row -> consumer.accept(record(row, orgId, runId, extractedAt, source)));
    }

    private static AclaraMeterRead record(VendorRow row, String orgId, String runId, Instant extractedAt,
            String source) {
        AclaraMeterRead raw = new AclaraMeterRead();
        for (int column = 0; column < FIELD_BY_COLUMN.length; column++) {
            raw.put(FIELD_BY_COLUMN[column], row.get(column));
        }
        ExtractMetadata extract = row.metadata(orgId, runId, extractedAt, source);
        raw.put(EXTRACT_FIELD, extract);
        return raw;
    }
}
