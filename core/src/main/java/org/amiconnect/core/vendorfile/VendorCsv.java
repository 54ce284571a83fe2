package org.amiconnect.core.vendorfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a vendor's CSV file (RFC 4180 as {@link CsvRecords} reads it, a header line, columns matched by header name)
 * row by row, never holding the file whole, the way every file-based vendor shares:
 * <ul>
 *   <li><b>bytes</b> are decoded by {@link VendorTextDecoder} under the rules of {@link TextEncoding}: a byte order
 *       mark is skipped, invalid bytes never fail the file;</li>
 *   <li><b>columns</b> are checked against the vendor's {@link VendorColumns} before the first row is handed out: a
 *       missing required column fails the file ({@link MissingColumnsException}), a missing optional column, a
 *       loosely matched header and an undeclared column are warnings;</li>
 *   <li>every <b>warning</b> names the file and is logged once and returned in the {@link Result}, for the run's
 *       state.</li>
 * </ul>
 * Failures: {@link VendorFileException} (not CSV — e.g. a character other than a space or tab between a closing quote
 * and the delimiter, see {@link CsvRecords} — or missing columns; permanent; the message names the file and, where it
 * can, the line, data row and column) and {@link UncheckedIOException} (the bytes could not be read). An exception
 * thrown by the row callback propagates unchanged.
 */
public final class VendorCsv {

    private static final Logger log = LoggerFactory.getLogger(VendorCsv.class);
    private static final int EXAMPLES = 5;

    /**
     * What reading a file found besides its rows.
     *
     * @param rows data rows handed out
     * @param encoding the character set the bytes were decoded with (null for text read from a {@link Reader})
     * @param warnings one line per kind of problem, each naming the file
     */
    public record Result(long rows, TextEncoding encoding, List<String> warnings) {

        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private VendorCsv() {
    }

    /**
     * Reads a file from its bytes.
     *
     * @param encoding the set to decode with when the file has no byte order mark ({@link TextEncoding#choose})
     * @param source names the file in messages, e.g. {@code beacon360 report 7f3c…}
     * @param rows called once per data row, in file order
     */
    public static Result read(InputStream bytes, TextEncoding encoding, VendorColumns columns, String source,
            Consumer<VendorRow> rows) {
        VendorTextDecoder decoder = new VendorTextDecoder(bytes, encoding);
        return new Reading(columns, source).run(decoder, decoder, rows);
    }

    /** Reads a file that is already text (a leading U+FEFF is ignored). */
    public static Result read(Reader text, VendorColumns columns, String source, Consumer<VendorRow> rows) {
        return new Reading(columns, source).run(text, null, rows);
    }

    /** One pass over one file. */
    private static final class Reading {

        private final VendorColumns columns;
        private final String source;
        /** The file as named in messages. */
        private final String file;
        private final List<String> warnings = new ArrayList<>();

        Reading(VendorColumns columns, String source) {
            this.columns = columns;
            this.source = source;
            this.file = source;
        }

        Result run(Reader text, VendorTextDecoder decoder, Consumer<VendorRow> rows) {
            // only parsing is wrapped: an exception thrown by the consumer is its own and propagates unchanged
            List<String> header = null;
            long row = 0;
            try (CsvRecords records = new CsvRecords(text, decoder)) {
                if (!records.next()) {
                    warn(file + " is empty: it has not even a header line");
                    return new Result(0, decoder == null ? null : decoder.encoding(), warnings);
                }
                header = List.of(records.toArray());
                checkHeaderNames(header);
                HeaderMatch match = HeaderMatch.of(header, columns);
                checkColumns(match);
                IssuePlacer issues = decoder == null ? null : new IssuePlacer(records.located(), header);
                long ragged = 0;
                long firstRagged = 0;
                while (records.next()) {
                    row++;
                    VendorRow vendorRow = new VendorRow(row, records, match, columns);
                    if (records.size() != header.size() && ragged++ == 0) {
                        firstRagged = row;
                    }
                    if (issues != null) {
                        issues.rowStarts(records.start(), row);
                    }
                    rows.accept(vendorRow);
                }
                if (ragged > 0) {
                    warn(file + ": " + ragged + " row(s) have another number of cells than the header's "
                            + header.size() + " (first: row " + firstRagged + "); missing cells read as null, extra "
                            + "cells are kept as 'column N'");
                }
                if (decoder != null) {
                    warnDecoding(decoder, issues);
                }
                return new Result(row, decoder == null ? null : decoder.encoding(), warnings);
            } catch (CsvRecords.MalformedCsvException e) {
                throw notCsv(e, header, row + 1);
            } catch (IOException e) {
                throw cannotRead(e);
            }
        }

        /** Columns are matched by name, so a blank one (nothing but spaces or control characters) fails the file. */
        private void checkHeaderNames(List<String> header) {
            for (String name : header) {
                if (name.trim().isEmpty()) {
                    throw new VendorFileException(file + " is not valid CSV: A header name is missing in " + header);
                }
            }
        }

        private void checkColumns(HeaderMatch match) {
            if (!match.missingRequired.isEmpty()) {
                String message = file + " lacks the required " + columns.vendor() + " column(s) "
                        + String.join(", ", match.missingRequired)
                        + (match.extraNames.isEmpty() ? "" : "; columns it has that " + columns.vendor()
                        + " does not declare: " + String.join(", ", match.extraNames))
                        + ". Nothing of it was published; the vendor's report format must be checked";
                throw new MissingColumnsException(message, match.missingRequired);
            }
            if (!match.missingOptional.isEmpty()) {
                warn(file + " lacks the optional " + columns.vendor() + " column(s) "
                        + String.join(", ", match.missingOptional)
                        + "; their values are null in every row");
            }
            if (!match.looseMatches.isEmpty()) {
                warn(file + ": header name(s) read loosely (case, spaces, punctuation): "
                        + String.join(", ", match.looseMatches));
            }
            if (!match.extraNames.isEmpty()) {
                warn(file + " has column(s) " + columns.vendor() + " does not declare: "
                        + String.join(", ", match.extraNames) + "; they are kept in each record's extract.extra_columns");
            }
        }

        private void warnDecoding(VendorTextDecoder decoder, IssuePlacer issues) {
            if (decoder.byteOrderMark() != null) {
                log.info("{} starts with a {} byte order mark; it is skipped", file, decoder.byteOrderMark());
            }
            long count = decoder.issueCount();
            if (count == 0) {
                return;
            }
            TextEncoding encoding = decoder.encoding();
            String readAs = encoding.fallsBackToWindows1252() ? "were read as Windows-1252" : "were replaced by U+FFFD";
            List<String> examples = issues.examples();
            warn(file + ": " + count + " byte sequence(s) are not valid " + encoding.displayName() + " (chosen by "
                    + encoding.origin() + ") and " + readAs + ": " + String.join("; ", examples)
                    + (count > examples.size() ? "; and " + (count - examples.size()) + " more" : "")
                    + ". If the vendor writes another character set, name it in the source's '"
                    + TextEncoding.CONFIG_KEY + "' setting");
        }

        private void warn(String warning) {
            warnings.add(warning);
            log.warn(warning);
        }

        /** @param row the data row being read (1-based), when {@code header} is known */
        private VendorFileException notCsv(CsvRecords.MalformedCsvException e, List<String> header, long row) {
            String where = "";
            if (header == null) {
                where = " (header line)";
            } else if (e.cell() >= 0) {
                where = " (row " + row + ", column " + IssuePlacer.columnName(header, e.cell()) + ")";
            }
            return new VendorFileException(file + " is not valid CSV: " + e.getMessage() + where, e);
        }

        private UncheckedIOException cannotRead(IOException e) {
            return new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Names the row and column of each located decoding issue as the rows go by. A record's position is the offset of
     * its first character and an issue belongs to the last row that started at or before it: it is placed once the
     * next row (or the end) shows where its row ended.
     */
    private static final class IssuePlacer {

        private final List<CsvRecords.Located> located;
        private final List<String> header;
        private final List<String> examples = new ArrayList<>();
        private int next;
        private long row;
        private long rowStart = -1;

        IssuePlacer(List<CsvRecords.Located> located, List<String> header) {
            this.located = located;
            this.header = header;
        }

        void rowStarts(long position, long number) {
            placeBefore(position);
            row = number;
            rowStart = position;
        }

        List<String> examples() {
            placeBefore(Long.MAX_VALUE);
            return examples;
        }

        private void placeBefore(long position) {
            while (next < located.size() && located.get(next).recordStart() < position) {
                CsvRecords.Located issue = located.get(next++);
                String where = rowStart < 0 || issue.recordStart() < rowStart ? "header"
                        : "row " + row + ", column " + columnName(header, issue.column());
                if (examples.size() < EXAMPLES) {
                    examples.add(where + ", " + issue.issue().describe());
                }
            }
        }

        static String columnName(List<String> header, int column) {
            return column < header.size() ? HeaderMatch.clean(header.get(column)) : "column " + (column + 1);
        }
    }
}
