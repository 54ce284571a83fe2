package org.amiconnect.adapters.beacon360;

import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.util.function.Consumer;

import org.amiconnect.core.normalize.ClockChangeResolver;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorCsv;
import org.amiconnect.core.vendorfile.VendorRow;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.apache.avro.Schema;

/**
 * Reads a Beacon 360 report CSV into raw records with the shared {@link VendorCsv} reader: columns are matched by
 * header name (the vendor may order them differently from the request), a report lacking a required column
 * ({@link Beacon360Columns#REQUIRED}) is rejected before its first row, a missing optional column stays null with a
 * warning, and columns Beacon 360 adds are kept in each record's {@code extract.extra_columns}.
 *
 * <p>Failures: {@link org.amiconnect.core.vendorfile.VendorFileException} (not CSV, missing columns) and
 * {@link java.io.UncheckedIOException} (the report could not be read), each naming the report. An exception thrown by
 * the consumer propagates unchanged.
 */
public final class Beacon360RawRecords {

    private static final Schema SCHEMA = Beacon360MeterRead.getClassSchema();
    private static final int EXTRACT_FIELD = SCHEMA.getField("extract").pos();
    /** The Avro field of each declared column, by the column's index in {@link Beacon360Columns#DECLARED}. */
    private static final int[] FIELD_BY_COLUMN = Beacon360Columns.DECLARED.names().stream()
            .mapToInt(name -> SCHEMA.getField(name).pos()).toArray();
    private static final int ENDPOINT_SN = Beacon360Columns.DECLARED.index(Beacon360Columns.ENDPOINT_SN);
    private static final int READ_TIME = Beacon360Columns.DECLARED.index(Beacon360Columns.READ_TIME);
    private static final int READ = Beacon360Columns.DECLARED.index(Beacon360Columns.READ);
    private static final int READ_UNIT = Beacon360Columns.DECLARED.index(Beacon360Columns.READ_UNIT);

    private Beacon360RawRecords() {
    }

    /**
     * Parses every data row of a downloaded report and hands one raw record per row to {@code consumer}.
     *
     * @param report the report's bytes
     * @param encoding the character set to decode them with unless the report starts with a byte order mark
     * @param source names the report in every record's metadata (and so in every later error message)
     * @param readTimes Read_Time resolutions across rows (after its {@link #observeReadTimes} pass), or null
     * @return the row count and the warnings about the report
     */
    public static VendorCsv.Result read(InputStream report, TextEncoding encoding, String orgId, String runId,
            Instant extractedAt, String source, ClockChangeResolver readTimes, Consumer<Beacon360MeterRead> consumer) {
        return VendorCsv.read(report, encoding, Beacon360Columns.DECLARED, source,
                row -> consumer.accept(record(row, orgId, runId, extractedAt, source, readTimes)));
    }

    /** As {@link #read(InputStream, TextEncoding, String, String, Instant, String, ClockChangeResolver, Consumer)}, for report text. */
    public static VendorCsv.Result read(Reader csv, String orgId, String runId, Instant extractedAt, String source,
            ClockChangeResolver readTimes, Consumer<Beacon360MeterRead> consumer) {
        return VendorCsv.read(csv, Beacon360Columns.DECLARED, source,
                row -> consumer.accept(record(row, orgId, runId, extractedAt, source, readTimes)));
    }

    /** Report text without cross-row resolution; returns the number of rows read. */
    public static long read(Reader csv, String orgId, String runId, Instant extractedAt, String source,
            Consumer<Beacon360MeterRead> consumer) {
        return read(csv, orgId, runId, extractedAt, source, null, consumer).rows();
    }

    /**
     * The first of two passes over a report: shows {@code readTimes} every row's device, Read_Time and register (in
     * cubic feet, when readable), so that the second pass can mark rows whose local time the zone alone cannot place.
     */
    public static void observeReadTimes(InputStream report, TextEncoding encoding, String source,
            ClockChangeResolver readTimes) {
        VendorCsv.read(report, encoding, Beacon360Columns.DECLARED, source,
                row -> readTimes.observe(row.number(), row.get(ENDPOINT_SN), row.get(READ_TIME), register(row)));
    }

    /** Same for report text. */
    public static void observeReadTimes(Reader csv, String source, ClockChangeResolver readTimes) {
        VendorCsv.read(csv, Beacon360Columns.DECLARED, source,
                row -> readTimes.observe(row.number(), row.get(ENDPOINT_SN), row.get(READ_TIME), register(row)));
    }

    private static Beacon360MeterRead record(VendorRow row, String orgId, String runId, Instant extractedAt,
            String source, ClockChangeResolver readTimes) {
        Beacon360MeterRead raw = new Beacon360MeterRead();
        for (int column = 0; column < FIELD_BY_COLUMN.length; column++) {
            raw.put(FIELD_BY_COLUMN[column], row.get(column));
        }
        ExtractMetadata extract = row.metadata(orgId, runId, extractedAt, source);
        if (readTimes != null) {
            readTimes.mark(row.number(), extract);
        }
        raw.put(EXTRACT_FIELD, extract);
        return raw;
    }

    /** The row's register in cubic feet, to order two reads at one local time; null when not readable. */
    private static Double register(VendorRow row) {
        String value = row.get(READ);
        String unit = row.get(READ_UNIT);
        if (value == null || value.isBlank() || unit == null || unit.isBlank()) {
            return null;
        }
        try {
            return Units.toCubicFeet(Double.parseDouble(value.trim()), unit);
        } catch (NumberFormatException | Units.UnknownUnitException e) {
            return null;
        }
    }
}
