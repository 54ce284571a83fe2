package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;

/** Raw records parsed from the predecessor's real Beacon 360 report fixture and from report text written in tests. */
final class Beacon360TestReports {

    static final String FIXTURE = "beacon360/beacon-360-report.csv";
    static final String ORG = "my_utility";
    static final String RUN = "run-2024-08-02";
    static final Instant EXTRACTED_AT = Instant.parse("2024-08-02T12:00:00Z");

    private Beacon360TestReports() {
    }

    /** The fixture's rows as raw records, with metadata naming the fixture as their source. */
    static List<Beacon360MeterRead> fixtureRecords() {
        try (InputStream in = Beacon360TestReports.class.getClassLoader().getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException(FIXTURE + " is not on the test classpath");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), FIXTURE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's first row, free to be edited by a test. */
    static Beacon360MeterRead fixtureRow() {
        return Beacon360MeterRead.newBuilder(fixtureRecords().get(0)).build();
    }

    static List<Beacon360MeterRead> parse(String csv, String source) {
        return read(new StringReader(csv), source);
    }

    private static List<Beacon360MeterRead> read(Reader reader, String source) {
        List<Beacon360MeterRead> records = new ArrayList<>();
        Beacon360RawRecords.read(reader, ORG, RUN, EXTRACTED_AT, source, records::add);
        return records;
    }
}
