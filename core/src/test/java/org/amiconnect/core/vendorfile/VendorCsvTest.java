package org.amiconnect.core.vendorfile;

import static org.amiconnect.core.vendorfile.CsvBytes.bytes;
import static org.amiconnect.core.vendorfile.CsvBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.amiconnect.schemas.raw.ExtractMetadata;
import org.junit.jupiter.api.Test;

class VendorCsvTest {

    private static final VendorColumns COLUMNS = VendorColumns.of("Acme", List.of("Meter", "Time", "Read", "Address"),
            List.of("Meter", "Time", "Read"));
    private static final VendorColumns WITH_SIGNAL = VendorColumns.of("Acme", List.of("Meter", "Time", "Read",
            "Address", "Signal"), List.of("Meter", "Time", "Read"));
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void byteOrderMarkIsSkippedSoTheFirstColumnIsFound() {
        byte[] file = concat(UTF8_BOM, "Meter,Time,Read,Address\n555001,2026-01-01 00:00,1.5,1 Elm St\n"
                + "555002,2026-01-01 00:00,2.5,2 Elm St\n");
        List<String> meters = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "bom.csv",
                row -> meters.add(row.get("Meter")));

        assertThat(meters).containsExactly("555001", "555002");
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void textThatStillStartsWithAByteOrderMarkCharacterFindsTheFirstColumnToo() {
        List<String> meters = new ArrayList<>();

        VendorCsv.read(new StringReader("\uFEFFMeter,Time,Read\n555001,t,1\n"), COLUMNS, "text.csv",
                row -> meters.add(row.get("Meter")));

        assertThat(meters).containsExactly("555001");
    }

    @Test
    void windows1252ByteInAUtf8FileIsReadAsWindows1252AndNamedByRowColumnAndOffset() {
        String header = "Meter,Time,Read,Address\n";
        String row1 = "1,2026-01-01 00:00,1.5,12 Main St\n";
        byte[] file = concat(bytes(header + row1 + "2,2026-01-01 00:00,2.5,34 Ca"), new byte[]{(byte) 0xF1},
                bytes("ada Ct\n3,2026-01-01 00:00,3.5,56 Oak Ave\n"));
        List<String> addresses = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS,
                "report 7f3c", row -> addresses.add(row.get("Address")));

        assertThat(result.rows()).isEqualTo(3);
        assertThat(addresses).containsExactly("12 Main St", "34 Cañada Ct", "56 Oak Ave");
        long offset = (header + row1 + "2,2026-01-01 00:00,2.5,34 Ca").length();
        assertThat(result.warnings()).singleElement().asString()
                .contains("report 7f3c: 1 byte")
                .contains("1 byte sequence(s) are not valid UTF-8")
                .contains("read as Windows-1252")
                .contains("row 2, column Address, byte offset " + offset + ": 0xF1 read as 'ñ'")
                .contains("'encoding'");
    }

    @Test
    void offsetsCountTheByteOrderMarkAndMultiByteCharacters() {
        byte[] file = concat(UTF8_BOM, bytes("Meter,Time,Read,Address\n1,t,1,Zürich\n2,t,2,Gen"),
                new byte[]{(byte) 0xE8}, bytes("ve\n"));
        List<String> addresses = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "x",
                row -> addresses.add(row.get("Address")));

        assertThat(addresses).containsExactly("Zürich", "Genève");
        long offset = 3 + "Meter,Time,Read,Address\n1,t,1,Zürich\n2,t,2,Gen".getBytes(StandardCharsets.UTF_8).length;
        assertThat(result.warnings()).singleElement().asString()
                .contains("row 2, column Address, byte offset " + offset + ": 0xE8 read as 'è'");
    }

    @Test
    void declaredCharsetDecodesTheFileWithoutWarnings() {
        byte[] file = "Meter,Time,Read,Address\n1,t,1,34 Cañada Ct\n".getBytes(TextEncoding.WINDOWS_1252);
        List<String> addresses = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file),
                TextEncoding.choose(java.util.Optional.empty(), "text/csv; charset=windows-1252"), COLUMNS, "x",
                row -> addresses.add(row.get("Address")));

        assertThat(addresses).containsExactly("34 Cañada Ct");
        assertThat(result.encoding().charset()).isEqualTo(TextEncoding.WINDOWS_1252);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void byteUndefinedInADeclaredCharsetIsReplacedAndNamed() {
        byte[] file = concat(bytes("Meter,Time,Read,Address\n1,t,1,a"), new byte[]{(byte) 0x81}, bytes("b\n"));
        List<String> addresses = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file),
                new TextEncoding(TextEncoding.WINDOWS_1252, "test"), COLUMNS, "x", row -> addresses.add(row.get("Address")));

        assertThat(addresses).containsExactly("a\uFFFDb");
        assertThat(result.warnings()).singleElement().asString()
                .contains("not valid Windows-1252").contains("replaced by U+FFFD")
                .contains("row 1, column Address, byte offset 31: 0x81");
    }

    @Test
    void utf16FileWithItsByteOrderMarkIsReadWhateverWasDeclared() {
        byte[] file = concat(new byte[]{(byte) 0xFF, (byte) 0xFE},
                "Meter,Time,Read\n1,t,ñ\n".getBytes(StandardCharsets.UTF_16LE));
        List<String> reads = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "x",
                row -> reads.add(row.get("Read")));

        assertThat(reads).containsExactly("ñ");
        assertThat(result.encoding().charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(result.encoding().origin()).contains("byte order mark");
    }

    @Test
    void issuesInQuotedMultiLineCellsAndLaterRowsAreNamedByTheirRow() {
        byte[] file = concat(bytes("Meter,Address,Time,Read\n\"1\",\"line one\nline "), new byte[]{(byte) 0xE9},
                bytes("\",t,1\n\n\"2\",\"a, \"\"b\"\"\",t,"), new byte[]{(byte) 0xB2}, bytes("\r\n3,x,t,3"));
        List<Map<String, String>> rows = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "x",
                row -> rows.add(Map.of("address", row.get("Address"), "read", row.get("Read"))));

        assertThat(rows).extracting(r -> r.get("address")).containsExactly("line one\nline é", "a, \"b\"", "x");
        assertThat(rows).extracting(r -> r.get("read")).containsExactly("1", "²", "3");
        assertThat(result.warnings()).singleElement().asString()
                .contains("2 byte sequence(s)")
                .contains("row 1, column Address, byte offset")
                .contains("row 2, column Read, byte offset");
    }

    @Test
    void decodingNeverFailsAndCountsEveryIssueBeyondTheExamples() {
        StringBuilder csv = new StringBuilder("Meter,Time,Read\n");
        for (int i = 0; i < 500; i++) {
            csv.append(i).append(",t,caf\u00e9\n");
        }
        byte[] file = csv.toString().getBytes(TextEncoding.WINDOWS_1252);
        List<String> reads = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(file), TextEncoding.DEFAULT, COLUMNS, "x",
                row -> reads.add(row.get("Read")));

        assertThat(reads).hasSize(500).containsOnly("café");
        assertThat(decoding(result))
                .contains("500 byte sequence(s)").contains("and 495 more");
    }

    @Test
    void largeFileCrossesBufferBoundariesWithoutLosingOrShiftingCharacters() {
        StringBuilder csv = new StringBuilder("Meter,Time,Read,Address\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(",2026-01-01 00:00,").append(i).append(",").append(i % 7 == 0 ? "Zürich" : "Genf")
                    .append("\n");
        }
        List<String> seen = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(bytes(csv.toString())), TextEncoding.DEFAULT,
                COLUMNS, "x", row -> seen.add(row.get("Read") + row.get("Address")));

        assertThat(result.rows()).isEqualTo(20_000);
        assertThat(result.warnings()).isEmpty();
        for (int i = 0; i < 20_000; i++) {
            assertThat(seen.get(i)).isEqualTo(i + (i % 7 == 0 ? "Zürich" : "Genf"));
        }
    }

    @Test
    void missingRequiredColumnFailsBeforeAnyRowNamingTheColumnTheFileAndStrangers() {
        List<Long> rows = new ArrayList<>();

        MissingColumnsException e = catchThrowableOfType(MissingColumnsException.class,
                () -> VendorCsv.read(new StringReader("Meter,ReadTime,Read,Address\n1,t,1,a\n"), COLUMNS,
                        "report 9a1e", row -> rows.add(row.number())));

        assertThat(e).isNotNull().isInstanceOf(VendorFileException.class);
        assertThat(e.missing()).containsExactly("Time");
        assertThat(e.getMessage()).contains("report 9a1e lacks the required Acme column(s) Time")
                .contains("does not declare: ReadTime");
        assertThat(rows).isEmpty();
    }

    @Test
    void missingOptionalColumnIsNullAndAWarning() {
        List<String> signals = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new StringReader("Meter,Time,Read,Address\n1,t,1,a\n"), WITH_SIGNAL,
                "r1", row -> signals.add(row.get("Signal")));

        assertThat(signals).containsExactly((String) null);
        assertThat(result.warnings()).singleElement().asString()
                .isEqualTo("r1 lacks the optional Acme column(s) Signal; their values are null in every row");
    }

    @Test
    void undeclaredColumnsAreKeptInTheMetadataAndNamed() {
        List<ExtractMetadata> metadata = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new StringReader("Meter,Time,Read,Address,Signal,Pressure\n"
                + "1,t,1,a,good,62 psi\n"), WITH_SIGNAL, "r1",
                row -> metadata.add(row.metadata("org", "run", Instant.EPOCH, "r1")));

        assertThat(metadata).singleElement().satisfies(m -> {
            assertThat(m.getExtraColumns()).containsExactly(Map.entry("Pressure", "62 psi"));
            assertThat(m.getSourceRecord()).isEqualTo(1L);
            assertThat(m.getSource()).isEqualTo("r1");
        });
        assertThat(result.warnings()).singleElement().asString().contains("Pressure").contains("extra_columns");
    }

    @Test
    void headerDifferingOnlyInCaseSpacesOrPunctuationIsReadLooselyWithAWarning() {
        List<String> times = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new StringReader("METER,time,Read,Address,Signal\n1,t9,1,a,b\n"),
                WITH_SIGNAL, "r1", row -> times.add(row.get("Time") + "/" + row.get("Meter")));

        assertThat(times).containsExactly("t9/1");
        assertThat(result.warnings()).singleElement().asString().contains("'METER' as Meter, 'time' as Time");
    }

    @Test
    void raggedRowsReadMissingCellsAsNullAndKeepExtraCells() {
        List<ExtractMetadata> metadata = new ArrayList<>();
        List<String> addresses = new ArrayList<>();

        VendorCsv.Result result = VendorCsv.read(new StringReader("Meter,Time,Read,Address,Signal\n1,t,1\n2,t,2,a,s,x\n"),
                WITH_SIGNAL, "r1", row -> {
                    addresses.add(row.get("Address"));
                    metadata.add(row.metadata("org", "run", Instant.EPOCH, "r1"));
                });

        assertThat(addresses).containsExactly(null, "a");
        assertThat(metadata.get(0).getExtraColumns()).isNull();
        assertThat(metadata.get(1).getExtraColumns()).containsExactly(Map.entry("column 6", "x"));
        assertThat(result.warnings()).singleElement().asString().contains("2 row(s)").contains("first: row 1");
    }

    @Test
    void emptyFileHasNoRowsAndSaysSo() {
        VendorCsv.Result result = VendorCsv.read(new ByteArrayInputStream(new byte[0]), TextEncoding.DEFAULT, COLUMNS,
                "empty", row -> { });

        assertThat(result.rows()).isZero();
        assertThat(result.warnings()).singleElement().asString().contains("empty");
    }

    @Test
    void malformedCsvIsAVendorFileExceptionNamingTheFile() {
        assertThatThrownBy(() -> VendorCsv.read(new StringReader("Meter,Time,Read\n\"1,t,1\n"), COLUMNS, "bad 1",
                row -> { }))
                .isInstanceOf(VendorFileException.class)
                .hasMessageContaining("bad 1 is not valid CSV");
    }

    @Test
    void failingInputIsUncheckedNamingTheFile() {
        InputStream failing = new InputStream() {
            private final InputStream header = new ByteArrayInputStream(bytes("Meter,Time,Read\n1,t,1\n"));

            @Override
            public int read() throws IOException {
                int b = header.read();
                if (b < 0) {
                    throw new IOException("connection reset");
                }
                return b;
            }
        };

        assertThatThrownBy(() -> VendorCsv.read(failing, TextEncoding.DEFAULT, COLUMNS, "r 5", row -> { }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot read r 5")
                .hasMessageContaining("connection reset");
    }

    @Test
    void exceptionOfTheRowCallbackPropagatesUnchanged() {
        IllegalStateException closed = new IllegalStateException("sink is closed");

        assertThatThrownBy(() -> VendorCsv.read(new StringReader("Meter,Time,Read\n1,t,1\n"), COLUMNS, "x", row -> {
            throw closed;
        })).isSameAs(closed);
    }

    /** The one warning about undecodable bytes. */
    private static String decoding(VendorCsv.Result result) {
        List<String> decoding = result.warnings().stream().filter(w -> w.contains("byte sequence")).toList();
        assertThat(decoding).hasSize(1);
        return decoding.get(0);
    }
}
