package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.apache.avro.Schema;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a Beacon 360 report CSV into raw records. Columns are matched by header name, since the vendor may order
 * them differently from the request; a requested column missing from the report stays null, an extra one is ignored.
 */
public final class Beacon360RawRecords {

    private static final Schema SCHEMA = Beacon360MeterRead.getClassSchema();
    private static final int EXTRACT_FIELD = SCHEMA.getField("extract").pos();

    private Beacon360RawRecords() {
    }

    /**
     * Parses every data row and hands one raw record per row to {@code consumer}.
     *
     * @param source names the report in every record's metadata (and so in every later error message)
     * @return the number of rows read
     */
    public static long read(Reader csv, String orgId, String runId, Instant extractedAt, String source,
            Consumer<Beacon360MeterRead> consumer) {
        // only parsing is wrapped: an exception thrown by the consumer is its own and propagates unchanged
        try (CSVParser parser = open(csv, source)) {
            int[] fieldByColumn = fieldPositions(parser.getHeaderNames());
            long row = 0;
            Iterator<CSVRecord> it = parser.iterator();
            for (CSVRecord r = next(it, source); r != null; r = next(it, source)) {
                row++;
                Beacon360MeterRead raw = new Beacon360MeterRead();
                int n = Math.min(r.size(), fieldByColumn.length);
                for (int col = 0; col < n; col++) {
                    if (fieldByColumn[col] >= 0) {
                        raw.put(fieldByColumn[col], r.get(col));
                    }
                }
                raw.put(EXTRACT_FIELD, new ExtractMetadata(orgId, runId, extractedAt, source, row));
                consumer.accept(raw);
            }
            return row;
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    private static CSVParser open(Reader csv, String source) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        try {
            return CSVParser.parse(csv, format);
        } catch (CSVException | IllegalArgumentException e) {
            throw notCsv(source, e);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /** The next record, or null at the end. The parser reports malformed CSV as an UncheckedIOException of a CSVException. */
    private static CSVRecord next(Iterator<CSVRecord> it, String source) {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                throw notCsv(source, malformed);
            }
            throw cannotRead(source, e.getCause());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw notCsv(source, e);
        }
    }

    private static IllegalArgumentException notCsv(String source, Exception e) {
        return new IllegalArgumentException("Beacon 360 report " + source + " is not valid CSV: " + e.getMessage(), e);
    }

    private static UncheckedIOException cannotRead(String source, IOException e) {
        return new UncheckedIOException("Cannot read Beacon 360 report " + source + ": " + e.getMessage(), e);
    }

    private static int[] fieldPositions(List<String> header) {
        int[] positions = new int[header.size()];
        Map<String, Integer> byName = new java.util.HashMap<>();
        for (Schema.Field f : SCHEMA.getFields()) {
            if (f.pos() != EXTRACT_FIELD) {
                byName.put(f.name(), f.pos());
            }
        }
        for (int i = 0; i < header.size(); i++) {
            positions[i] = byName.getOrDefault(header.get(i).strip(), -1);
        }
        return positions;
    }
}
