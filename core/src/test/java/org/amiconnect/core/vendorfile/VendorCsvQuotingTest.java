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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    void textAfterAClosingQuoteFailsNamingTheFileAndLine() {
        assertThatThrownBy(() -> cells("Meter,Time,Read\n1,t,r\n\"2\"x,t,r\n"))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("f.csv is not valid CSV")
                .hasMessageContaining("line: 3");
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
