package org.amiconnect.core.vendorfile;

import static org.amiconnect.core.vendorfile.CsvBytes.allCells;
import static org.amiconnect.core.vendorfile.CsvBytes.bytes;
import static org.amiconnect.core.vendorfile.CsvBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4180 as vendor files are read: quoting, line ends, empty lines and the malformed cases that fail a file. */
class VendorCsvQuotingTest {

    private static final VendorColumns COLUMNS = VendorColumns.of("Acme", List.of("Meter", "Time", "Read"),
            List.of("Meter"));

    @Test
    void quotedCellsKeepDelimitersEscapedQuotesAndLineBreaks() {
        List<List<String>> rows = cells("Meter,Time,Read\r\n"
                + "\"1,2\",\"say \"\"hi\"\"\",\"a\r\nb\nc\"\r\n"
                + "\"\",x,\"\"\"\"\n");

        assertThat(rows).containsExactly(List.of("1,2", "say \"hi\"", "a\r\nb\nc"), List.of("", "x", "\""));
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsText() {
        assertThat(cells("Meter,Time,Read\na\"b, \"c\",d\"\n"))
                .containsExactly(List.of("a\"b", " \"c\"", "d\""));
    }

    @Test
    void spacesBetweenAClosingQuoteAndTheDelimiterAreNotPartOfTheCell() {
        assertThat(cells("\"Meter\"  ,Time,Read\n\"1\" ,\"t\"\t,\"r\"  \n\"2\",t,\"r2\"   "))
                .containsExactly(List.of("1", "t", "r"), List.of("2", "t", "r2"));
    }

    @Test
    void emptyLinesOfEveryLineEndAreSkippedAndRowsCountRecords() {
        List<Long> numbers = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new StringReader("\n\r\nMeter,Time,Read\r\r\n1,t,\"x\ny\"\n\n\r2,t,r"),
                COLUMNS, "x", row -> numbers.add(row.number()));

        assertThat(numbers).containsExactly(1L, 2L);
        assertThat(result.rows()).isEqualTo(2);
    }

    @Test
    void textAfterAClosingQuoteFailsNamingTheFileLineRowAndColumn() {
        assertThatThrownBy(() -> cells("Meter,Time,Read\n1,t,r\n\"2\"x,t,r\n"))
                .isInstanceOf(VendorFileException.class)
                .hasMessage("f.csv is not valid CSV: character U+0078 ('x') after the closing quote of a cell at "
                        + "line: 3, column 4 (only spaces and tabs may come before the delimiter or the line end) "
                        + "(row 2, column Meter)");
    }

    /**
     * Between a closing quote and the delimiter only spaces and tabs are allowed. Every control character fails the
     * file, naming it, the line, the row and the column: Jackson would drop it unseen, and Commons CSV dropped U+000B,
     * U+000C and U+001C–U+001F (Java whitespace) while failing on the others.
     */
    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001B', '\u001C', '\u001F'})
    void aControlCharacterAfterAClosingQuoteFailsNamingItTheRowAndTheColumn(char control) {
        String csv = "Meter,Time,Read\n1,t,r\n\"2\",\"t\" " + control + " ,r\n3,t,r\n";
        String named = String.format("U+%04X", (int) control);

        for (ThrowingCallable reading : List.<ThrowingCallable>of(() -> cells(csv), () -> allCells(csv))) {
            assertThatThrownBy(reading)
                    .isInstanceOf(VendorFileException.class)
                    .hasMessageContaining("f.csv is not valid CSV: control character " + named
                            + " after the closing quote of a cell at line: 3")
                    .hasMessageContaining("(row 2, column Time)");
        }
    }

    /** The same at the end of a line, of the text, and in the header. */
    @Test
    void aControlCharacterAfterTheClosingQuoteOfALastCellOrAHeaderCellFails() {
        assertThatThrownBy(() -> allCells("Meter,Time,Read\n1,t,\"r\"\u0001\r\n2,t,r\n"))
                .hasMessageContaining("control character U+0001").hasMessageContaining("(row 1, column Read)");
        assertThatThrownBy(() -> allCells("Meter,Time,Read\n1,t,\"r\"\t\u001F"))
                .hasMessageContaining("control character U+001F").hasMessageContaining("(row 1, column Read)");
        assertThatThrownBy(() -> allCells("Meter,\"Time\"\u000B,Read\n1,t,r\n"))
                .hasMessageContaining("control character U+000B").hasMessageContaining("(header line)");
    }

    /** Unicode spaces (Java whitespace or not) after a closing quote fail too: only U+0020 and tab are allowed. */
    @ParameterizedTest
    @ValueSource(chars = {'\u00A0', '\u1680', '\u2000', '\u2007', '\u200A', '\u2028', '\u205F', '\u3000'})
    void aUnicodeSpaceAfterAClosingQuoteFailsNamingTheRowAndTheColumn(char space) {
        String csv = "Meter,Time,Read\n1,t,r\n\"2\",\"t\"" + space + ",r\n";

        for (ThrowingCallable reading : List.<ThrowingCallable>of(() -> cells(csv), () -> allCells(csv))) {
            assertThatThrownBy(reading)
                    .isInstanceOf(VendorFileException.class)
                    .hasMessageContaining(String.format("f.csv is not valid CSV: character U+%04X ('%s') after the "
                            + "closing quote of a cell at line: 3, column 8", (int) space, space))
                    .hasMessageContaining("(row 2, column Time)");
        }
    }

    /** Control characters anywhere else are cell text, kept as written: in quotes, unquoted, in the header. */
    @Test
    void controlCharactersInsideCellsAreKept() {
        String csv = "Meter,Time,\"Re\u0001ad\"\n"
                + "\u0001a\u001F,\"b\u0000\"\"\u000B\"  ,\u0002\n"
                + "\"\u001B\",\u0008,\"\u000C\"";
        List<List<String>> expected = List.of(List.of("\u0001a\u001F", "b\u0000\"\u000B", "\u0002"),
                List.of("\u001B", "\u0008", "\u000C"));

        assertThat(allCells(csv)).isEqualTo(expected);
        List<List<String>> byName = new ArrayList<>();
        VendorCsv.read(new StringReader(csv), VendorColumns.of("Acme", List.of("Meter", "Time", "Re\u0001ad"),
                List.of()), "f.csv", row -> byName.add(Arrays.asList(row.get(0), row.get(1), row.get(2))));
        assertThat(byName).isEqualTo(expected);
    }

    /** Many control characters in cells, across the parser's and the decoder's buffers, cost nothing but time. */
    @Test
    void manyControlCharactersInCellsAcrossBufferBoundariesAreKept() {
        StringBuilder csv = new StringBuilder("Meter,Time,Read\n");
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String a = "\u0001" + i;
            String b = "x\u0002".repeat(i % 7);
            csv.append(a).append(",\"").append(b).append("\" ,").append("\u001F\n");
            expected.add(List.of(a, b, "\u001F"));
        }

        assertThat(allCells(csv.toString())).isEqualTo(expected);
    }

    @Test
    void aFileEndingInsideAQuotedCellFailsNamingTheLineItsRecordStarts() {
        assertThatThrownBy(() -> cells("Meter,Time,Read\n1,t,r\n2,\"t,r\n3,t,r\n"))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("f.csv is not valid CSV")
                .hasMessageContaining("startline 3");
    }

    @Test
    void aBlankHeaderNameFailsTheFile() {
        assertThatThrownBy(() -> cells("Meter,,Read\n1,t,r\n"))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("f.csv is not valid CSV: A header name is missing in [Meter, , Read]");
    }

    @Test
    void decodingIssuesAfterMultiLineCellsAndBareCarriageReturnsAreNamedByTheirRow() {
        byte[] file = concat(bytes("Meter,Time,Read\r\"1\",\"a\rb\",x\r\r2,t,caf"), new byte[]{(byte) 0xE9},
                bytes("\n\"3\",\"q\nq\",y\n4,t"), new byte[]{(byte) 0xB2}, bytes(",z\n"));

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "x",
                row -> { });

        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.warnings()).singleElement().asString()
                .contains("row 2, column Read, byte offset")
                .contains("row 4, column Time, byte offset");
    }

    /** An issue is placed by the cell it is in, wherever in the cell it is, after the parser's last look-ahead. */
    @Test
    void decodingIssuesAtTheEdgesOfCellsLinesAndTheTextAreNamedByTheirCell() {
        byte[] e9 = {(byte) 0xE9};
        byte[] file = concat(bytes("Meter,Ti"), e9, bytes("me,Read\r\n"), // header
                e9, bytes(",t,r"), e9, bytes("\r\n"), // first character of row 1, last before CRLF
                bytes("2,\""), e9, bytes("\" \t,"), e9, bytes("\n"), // in quotes, alone in the last cell
                bytes("3,t,r"), e9); // the last byte of the file

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "x",
                row -> { });

        assertThat(result.warnings()).filteredOn(w -> w.contains("byte sequence")).singleElement().asString()
                .contains("6 byte sequence(s)")
                .contains("header, byte offset 8: 0xE9 read as 'é'; row 1, column Meter, byte offset 18: 0xE9 read as "
                        + "'é'; row 1, column Read, byte offset 23: 0xE9 read as 'é'; row 2, column Tiéme, byte offset "
                        + "29: 0xE9 read as 'é'; row 2, column Read, byte offset 34: 0xE9 read as 'é'; and 1 more");
    }

    static Stream<String> trickyFiles() {
        return Stream.of(
                "Meter,Time,Read\n1,2,3\n",
                "Meter,Time,Read\r\n\"1\",\"2\",\"3\"\r\n",
                "Meter,Time,Read\n\"a\"\"\",\"\"\"b\",\"\"\n",
                "Meter,Time,Read\n\"x\r\ny\",\"\n\",\"\r\"\n",
                "Meter,Time,Read\n1,2,\"a\rb\"\n4,5,6\n", // a bare CR in a last quoted cell: FastCSV 3.7/4.1 lose it
                "Meter,Time,Read\n1,2\n1,2,3,4\n\n,\n",
                "Meter,Time,Read\n \"a\" ,b\" c,\"d\"  \n",
                "Meter,Time,Read\n\"a\" \"b\",c,d\n",
                "Meter,Time,Read\n\"a\"b,c,d\n",
                "Meter,Time,Read\n\"a,b\n",
                "Meter,Time,Read\n\"\"\n1,2,3",
                "\n\nMeter,Time,Read\r\r1,2,3\r",
                "Meter, ,Read\n1,2,3\n",
                "");
    }

    /**
     * What the reader hands out, or that it fails, is what Commons CSV's RFC 4180 reading with a header gives: the
     * reference for any change of the parser underneath.
     */
    @ParameterizedTest
    @MethodSource("trickyFiles")
    void readsAsCommonsCsvReadsRfc4180(String csv) {
        List<List<String>> expected;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get())) {
            expected = parser.stream().map(CSVRecord::toList).toList();
        } catch (IOException | RuntimeException e) {
            assertThatThrownBy(() -> allCells(csv)).isInstanceOf(VendorFileException.class);
            return;
        }
        assertThat(allCells(csv)).isEqualTo(expected);
    }

    /** The declared cells of each row. */
    private static List<List<String>> cells(String csv) {
        List<List<String>> rows = new ArrayList<>();
        VendorCsv.read(new StringReader(csv), COLUMNS, "f.csv",
                row -> rows.add(Arrays.asList(row.get(0), row.get(1), row.get(2))));
        return rows;
    }
}
