package org.amiconnect.adapters.xylemsensus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.amiconnect.core.vendorfile.TextEncoding;
import org.amiconnect.core.vendorfile.VendorTextDecoder;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusIntervalRead;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusMeterReads;

/**
 * Reads a Xylem Sensus CMEP file line by line (a file is never held whole) into raw records, one per non-blank line
 * (python-ami-connect §2.8): record {@code MEPMD01}, 14 header fields ({@link #HEADER}), then {@code quantity}
 * triples {@code (datetime YYYYMMDDHHMM, code, value)}. The file has no header line.
 *
 * <p>A line that is not such a record (another record type, too few fields, a quantity that is not a number or does
 * not match the triples that follow, cells after the last triple) still becomes a raw record: it keeps the line's text
 * in {@code line} and the reason in {@code extract.field_problems["line"]}, and the normalizer makes it a dead letter
 * naming the file and line number; the rest of the file goes on. Bytes are decoded as every vendor file's
 * ({@link TextEncoding}: a byte order mark is skipped and decides).
 */
public final class XylemSensusLines {

    /** The CMEP record this adapter reads. */
    public static final String RECORD_TYPE = "MEPMD01";
    /** The field problem key under which a malformed line's reason is kept. */
    public static final String LINE_PROBLEM = "line";

    /** The 14 header fields of a MEPMD01 record, in order, as the raw record names them. */
    public static final List<String> HEADER = List.of("record_type", "record_version", "sender_id",
            "sender_customer_id", "receiver_id", "receiver_customer_id", "time_stamp", "meter_id", "purpose",
            "commodity", "units", "calculation_constant", "interval", "quantity");

    private static final int QUANTITY = 13;

    /**
     * What a read found.
     *
     * @param lines non-blank lines read (one raw record each)
     * @param malformed lines kept as dead-letter records
     * @param encoding the character set the bytes were decoded with
     * @param warnings one line per kind of problem, each naming the file
     */
    public record Result(long lines, long malformed, TextEncoding encoding, List<String> warnings) {
    }

    private XylemSensusLines() {
    }

    /**
     * Reads every line of {@code file} and hands one raw record per non-blank line to {@code consumer}, in file order.
     *
     * @param source names the file in every record's metadata ({@code extract.source_record} = its line number)
     * @throws UncheckedIOException when the bytes cannot be read
     */
    public static Result read(InputStream file, TextEncoding encoding, String orgId, String runId, Instant extractedAt,
            String source, Consumer<XylemSensusMeterReads> consumer) {
        VendorTextDecoder decoder = new VendorTextDecoder(file, encoding);
        long lines = 0;
        long malformed = 0;
        long number = 0;
        try (BufferedReader reader = new BufferedReader(decoder, 64 * 1024)) {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                XylemSensusMeterReads raw = record(line, number, orgId, runId, extractedAt, source);
                if (raw.getLine() != null) {
                    malformed++;
                }
                consumer.accept(raw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read line " + (number + 1) + ": " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        if (malformed > 0) {
            warnings.add(source + ": " + malformed + " line(s) are not " + RECORD_TYPE + " records with their interval "
                    + "triples; they become dead letters naming their line");
        }
        if (decoder.issueCount() > 0) {
            warnings.add(source + ": " + decoder.issueCount() + " byte(s) were not valid " + decoder.encoding()
                    .displayName() + "; the first at byte offset " + decoder.issues().get(0).byteOffset());
        }
        return new Result(lines, malformed, decoder.encoding(), warnings);
    }

    /** One line as a raw record, well-formed or kept with its problem. */
    static XylemSensusMeterReads record(String line, long number, String orgId, String runId, Instant extractedAt,
            String source) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        XylemSensusMeterReads raw = new XylemSensusMeterReads();
        for (int i = 0; i < HEADER.size() && i < cells.length; i++) {
            raw.put(i, cells[i]);
        }
        List<XylemSensusIntervalRead> reads = new ArrayList<>();
        String problem = problem(cells);
        if (problem == null) {
            int quantity = Integer.parseInt(cells[QUANTITY]);
            for (int t = 0; t < quantity; t++) {
                int at = HEADER.size() + 3 * t;
                reads.add(new XylemSensusIntervalRead(cells[at], cells[at + 1], cells[at + 2]));
            }
        }
        raw.setReads(reads);
        raw.setLine(problem == null ? null : line);
        raw.setExtract(new ExtractMetadata(orgId, runId, extractedAt, source, number, null, null,
                problem == null ? null : Map.of(LINE_PROBLEM, problem)));
        return raw;
    }

    /** Why the cells are not a MEPMD01 record with its triples, or null when they are. */
    static String problem(String[] cells) {
        if (!RECORD_TYPE.equals(cells[0])) {
            return "starts with '" + abbreviate(cells[0]) + "', not the record type " + RECORD_TYPE;
        }
        if (cells.length < HEADER.size()) {
            return "has " + cells.length + " fields, fewer than the " + HEADER.size() + " of a " + RECORD_TYPE
                    + " header";
        }
        int quantity;
        try {
            quantity = Integer.parseInt(cells[QUANTITY]);
        } catch (NumberFormatException e) {
            return "quantity '" + abbreviate(cells[QUANTITY]) + "' is not a number of readings";
        }
        if (quantity < 0) {
            return "quantity " + quantity + " is negative";
        }
        int needed = HEADER.size() + 3 * quantity;
        if (cells.length < needed) {
            return "quantity " + quantity + " announces " + quantity + " (datetime, code, value) triples but "
                    + (cells.length - HEADER.size()) + " field(s) follow the header";
        }
        for (int i = needed; i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                return "has " + (cells.length - needed) + " field(s) after the " + quantity + " triples its quantity "
                        + "announces";
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
