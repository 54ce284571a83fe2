package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.amiconnect.simulators.beacon360.VendorQuirks;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Beacon360ExtractorTest {

    private static final String ORG = "extractor_test_org";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final int METERS = 50;
    /** One PDT day: local 2026-06-10 00:00 .. 2026-06-11 00:00, no DST change. */
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-11T07:00:00Z");
    /** Values are rounded to 8 decimals: 1e-8 apart is one rounding step, plus room for binary representation. */
    private static final Clock AFTER_WINDOW = Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final List<Beacon360Simulator> simulators = new ArrayList<>();

    /** A record as the extractor handed it to the sink. */
    private record Published(RawEntity entity, String key, SpecificRecord record) {
    }

    @AfterEach
    void stopSimulators() {
        simulators.forEach(Beacon360Simulator::close);
    }

    @Test
    void extractsOneRecordPerMeterAndHourKeyedByOrgAndEndpoint() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o);
        List<Published> published = new ArrayList<>();

        Instant before = Instant.now();
        ExtractSummary summary = extract(beacon, new ExtractWindow("run-0610", START, END), published);
        Instant after = Instant.now();

        assertThat(published).hasSize(METERS * 24);
        assertThat(summary.sourceRows()).isEqualTo(METERS * 24L);
        assertThat(summary.skipped()).isZero();
        assertThat(summary.source()).startsWith("beacon360 report ");
        long row = 0;
        for (Published p : published) {
            row++;
            assertThat(p.entity()).isSameAs(Beacon360Adapter.METER_READ);
            Beacon360MeterRead raw = (Beacon360MeterRead) p.record();
            assertThat(p.key()).isEqualTo(ORG + "|" + raw.getEndpointSN());
            ExtractMetadata extract = raw.getExtract();
            assertThat(extract.getOrgId()).isEqualTo(ORG);
            assertThat(extract.getRunId()).isEqualTo("run-0610");
            assertThat(extract.getSource()).isEqualTo(summary.source());
            assertThat(extract.getSourceRecord()).isEqualTo(row);
            assertThat(extract.getExtractedAt()).isBetween(before, after);
        }
        // one extract run has one extraction instant
        assertThat(published.stream().map(p -> ((Beacon360MeterRead) p.record()).getExtract().getExtractedAt())
                .distinct()).hasSize(1);
    }

    @Test
    void normalizedRecordsAreTheGeneratorsReadsForTheWindow() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o);
        List<Published> published = new ArrayList<>();
        extract(beacon, new ExtractWindow("run-0610", START, END), published);

        Map<String, SimulatedRead> expected = beacon.generator().reads(START, END)
                .collect(Collectors.toMap(r -> r.meter().endpointSn() + "@" + r.instant().truncatedTo(ChronoUnit.MINUTES),
                        r -> r));
        assertThat(expected).hasSize(METERS * 24);

        Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);
        Map<String, GeneralMeterRead> actual = new HashMap<>();
        Map<String, GeneralMeter> meters = new HashMap<>();
        for (Published p : published) {
            Normalized out = normalizer.normalize(p.record());
            assertThat(out.skippedReads()).isZero();
            assertThat(out.reads()).hasSize(1);
            GeneralMeterRead read = out.reads().get(0);
            actual.put(read.getDeviceId() + "@" + read.getFlowtime(), read);
            out.meters().forEach(m -> meters.put(m.getDeviceId(), m));
        }

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, GeneralMeterRead> e : actual.entrySet()) {
            SimulatedRead want = expected.get(e.getKey());
            GeneralMeterRead got = e.getValue();
            assertThat(got.getOrgId()).isEqualTo(ORG);
            assertThat(got.getFlowtime()).isEqualTo(want.instant().truncatedTo(ChronoUnit.MINUTES));
            // exact: both sides round the product to 8 decimals as the predecessor's Python round() did
            assertThat(got.getRegisterValue()).as("register of %s (%s %s)", e.getKey(), want.readString(), want.readUnit())
                    .isEqualTo(want.vendorRegisterCf());
            assertThat(got.getIntervalValue()).as("interval of %s (%s %s)", e.getKey(), want.flowString(), want.flowUnit())
                    .isEqualTo(want.vendorFlowCf());
            assertThat(got.getRegisterUnit()).isEqualTo("CF");
            assertThat(got.getIntervalUnit()).isEqualTo("CF");
            assertThat(got.getDeviceId()).isEqualTo(want.meter().endpointSn());
            assertThat(got.getAccountId()).isEqualTo(accountOf(want.meter()));
            assertThat(got.getLocationId()).isEqualTo(want.meter().locationId());
            assertThat(got.getEstimated()).isEqualTo(want.estimatedFlag());
            assertThat(got.getBattery()).isEqualTo(want.meter().batteryLevel());
            assertThat(got.getConnection()).isEqualTo(want.meter().signalStrength());
            assertThat(got.getInstallDate()).isEqualTo(printedLocalTime(want.meter().endpointInstallDate()));
        }

        assertThat(meters).hasSize(METERS);
        for (SimulatedMeter m : beacon.generator().meters()) {
            GeneralMeter got = meters.get(m.endpointSn());
            assertThat(got.getOrgId()).isEqualTo(ORG);
            assertThat(got.getEndpointId()).isEqualTo(m.endpointSn());
            assertThat(got.getMeterId()).isEqualTo(m.meterId());
            assertThat(got.getAccountId()).isEqualTo(accountOf(m));
            assertThat(got.getLocationId()).isEqualTo(m.locationId());
            assertThat(got.getMeterManufacturer()).isEqualTo(m.manufacturer());
            assertThat(got.getLocationAddress()).isEqualTo(m.addressLine1());
            assertThat(got.getLocationCity()).isEqualTo(m.city());
            assertThat(got.getLocationState()).isEqualTo(m.state());
            assertThat(got.getLocationZip()).isEqualTo(m.zip());
            assertThat(got.getMeterInstallDate()).isEqualTo(printedLocalTime(m.meterInstallDate()));
            // only the unmappable 8in has no size; every mapped size is the vendor's own inches value
            if (m.meterSizeDesc().equals("8in")) {
                assertThat(got.getMeterSize()).isNull();
            } else if (m.meterSizeDesc().equals("5/8x3/4")) {
                assertThat(got.getMeterSize()).isEqualTo("0.625x0.75");
            } else {
                assertThat(got.getMeterSize()).isEqualTo(m.meterSize());
            }
        }
    }

    @Test
    void columnOrderOfTheReportDoesNotChangeTheRecords() throws Exception {
        List<Published> requestedOrder = new ArrayList<>();
        List<Published> shuffledOrder = new ArrayList<>();
        ExtractWindow window = new ExtractWindow("run-0610", START, START.plus(Duration.ofHours(3)));

        extract(simulator(o -> o), window, requestedOrder);
        extract(simulator(o -> o.withShuffleColumns(true)), window, shuffledOrder);

        assertThat(shuffledOrder).hasSize(METERS * 3);
        for (int i = 0; i < requestedOrder.size(); i++) {
            Beacon360MeterRead a = (Beacon360MeterRead) requestedOrder.get(i).record();
            Beacon360MeterRead b = (Beacon360MeterRead) shuffledOrder.get(i).record();
            for (String column : Beacon360Columns.ALL) {
                int pos = Beacon360MeterRead.getClassSchema().getField(column).pos();
                assertThat(b.get(pos)).as("row %d %s", i + 1, column).isEqualTo(a.get(pos));
            }
        }
    }

    @Test
    void faultyRowsAreStillPublishedAndFailOnlyWhenNormalized() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o.withUnknownFlowUnitEveryNthRow(7).withMissingReadTimeEveryNthRow(10));
        List<Published> published = new ArrayList<>();
        ExtractSummary summary = extract(beacon, new ExtractWindow("run-faults", START, END), published);

        assertThat(published).hasSize(METERS * 24);
        Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);
        int skipped = 0;
        List<Long> deadRows = new ArrayList<>();
        for (Published p : published) {
            Beacon360MeterRead raw = (Beacon360MeterRead) p.record();
            try {
                skipped += normalizer.normalize(raw).skippedReads();
            } catch (NormalizationException e) {
                assertThat(e.field()).isEqualTo("Flow_Unit");
                assertThat(e.getMessage()).contains(summary.source()).contains(ORG).contains(raw.getEndpointSN())
                        .contains("row " + raw.getExtract().getSourceRecord());
                deadRows.add(raw.getExtract().getSourceRecord());
            }
        }
        long rows = METERS * 24L;
        // rows that are both every 7th and every 10th have no Read_Time: skipped before the unit is looked at
        List<Long> expectedDead = Stream.iterate(7L, r -> r <= rows, r -> r + 7).filter(r -> r % 10 != 0).toList();
        assertThat(deadRows).containsExactlyElementsOf(expectedDead);
        assertThat(skipped).isEqualTo((int) (rows / 10));
    }

    @Test
    void reportStartingWithAByteOrderMarkKeepsEveryAccountId() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o.withQuirks(VendorQuirks.none().withByteOrderMark(true)));
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(beacon, new ExtractWindow("run-bom", START, END), published);

        assertThat(summary.warnings()).isEmpty();
        assertThat(published).hasSize(METERS * 24);
        Map<String, String> accounts = beacon.generator().meters().stream()
                .collect(Collectors.toMap(SimulatedMeter::endpointSn, SimulatedMeter::accountId));
        Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);
        for (Published p : published) {
            Beacon360MeterRead raw = (Beacon360MeterRead) p.record();
            assertThat(raw.getAccountID()).isEqualTo(accounts.get(raw.getEndpointSN()));
            Normalized out = normalizer.normalize(raw);
            assertThat(out.meters().get(0).getAccountId()).isNotNull();
            assertThat(out.reads().get(0).getAccountId()).isNotNull();
        }
    }

    @Test
    void windows1252ReportLosesNoRowAndWarnsNamingRowColumnAndOffset() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o.withQuirks(VendorQuirks.none().withCharset(WINDOWS_1252, false)));
        assertThat(beacon.generator().meters()).anyMatch(m -> m.addressLine1().contains("Ñ"));
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(beacon, new ExtractWindow("run-1252", START, END), published);

        assertThat(published).hasSize(METERS * 24);
        assertAddressesAreTheGenerators(beacon, published);
        assertThat(summary.warnings()).singleElement().asString()
                .startsWith(summary.source() + ": ")
                .contains("are not valid UTF-8 (chosen by the default) and were read as Windows-1252")
                .containsPattern("row \\d+, column Location_Address_Line1, byte offset \\d+: 0xD1 read as 'Ñ'");
    }

    @Test
    void windows1252ReportNamedByItsContentTypeOrByTheSourceHasNoWarning() throws Exception {
        Beacon360Simulator declared = simulator(o -> o.withQuirks(VendorQuirks.none().withCharset(WINDOWS_1252, true)));
        Beacon360Simulator undeclared = simulator(o -> o.withQuirks(VendorQuirks.none().withCharset(WINDOWS_1252, false)));
        List<Published> byHttp = new ArrayList<>();
        List<Published> byConfig = new ArrayList<>();

        ExtractSummary http = extract(declared, new ExtractWindow("run-http", START, END), byHttp);
        ExtractSummary config = extract(undeclared, settings(Beacon360Settings.DEFAULT_API_URL, WINDOWS_1252),
                new ExtractWindow("run-config", START, END), byConfig);

        assertThat(http.warnings()).isEmpty();
        assertThat(config.warnings()).isEmpty();
        assertAddressesAreTheGenerators(declared, byHttp);
        assertAddressesAreTheGenerators(undeclared, byConfig);
    }

    @Test
    void reportWithoutReadTimeFailsWithoutRetryOrPublishingNamingTheColumnAndTheReport() {
        Beacon360Simulator beacon = simulator(o -> o.withQuirks(VendorQuirks.none().withOmittedColumns("Read_Time")));
        List<Published> published = new ArrayList<>();

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> extract(beacon, new ExtractWindow("run-no-time", START, END), published));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(ORG).containsPattern("beacon360 report [0-9a-f-]{36} lacks the required "
                + "Beacon 360 column\\(s\\) Read_Time");
        assertThat(published).isEmpty();
        assertThat(beacon.downloads()).isEqualTo(1);
    }

    @Test
    void reportWithoutSignalStrengthPublishesEveryRowAndWarns() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o.withQuirks(VendorQuirks.none().withOmittedColumns("Signal_Strength")));
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(beacon, new ExtractWindow("run-no-signal", START, END), published);

        assertThat(published).hasSize(METERS * 24)
                .allSatisfy(p -> assertThat(((Beacon360MeterRead) p.record()).getSignalStrength()).isNull());
        assertThat(summary.warnings()).singleElement().asString()
                .isEqualTo(summary.source() + " lacks the optional Beacon 360 column(s) Signal_Strength; their values "
                        + "are null in every row");
    }

    @Test
    void fallBackDayKeepsBothReadsOfTheRepeatedHourForEveryMeter() throws Exception {
        // local 2024-11-03 has 25 hours in Los Angeles: every meter reports two rows at the same naive 01:mm
        Instant start = Instant.parse("2024-11-03T07:00:00Z");
        Instant end = Instant.parse("2024-11-04T08:00:00Z");
        Beacon360Simulator beacon = simulator(o -> o);
        List<Published> published = new ArrayList<>();

        extract(beacon, new ExtractWindow("run-fall-back", start, end), published);

        Beacon360Normalizer normalizer = new Beacon360Normalizer(LOS_ANGELES);
        Set<String> flowtimes = new HashSet<>();
        for (Published p : published) {
            GeneralMeterRead read = normalizer.normalize(p.record()).reads().get(0);
            flowtimes.add(read.getDeviceId() + "@" + read.getFlowtime());
        }
        Set<String> expected = beacon.generator().reads(start, end)
                .map(r -> r.meter().endpointSn() + "@" + r.instant().truncatedTo(ChronoUnit.MINUTES))
                .collect(Collectors.toSet());
        assertThat(published).hasSize(METERS * 25);
        assertThat(flowtimes).hasSize(METERS * 25).isEqualTo(expected);
    }

    private static void assertAddressesAreTheGenerators(Beacon360Simulator beacon, List<Published> published) {
        Map<String, String> addresses = beacon.generator().meters().stream()
                .collect(Collectors.toMap(SimulatedMeter::endpointSn, SimulatedMeter::addressLine1));
        for (Published p : published) {
            Beacon360MeterRead raw = (Beacon360MeterRead) p.record();
            assertThat(raw.getLocationAddressLine1()).isEqualTo(addresses.get(raw.getEndpointSN()));
        }
    }

    @Test
    void emptyWindowPublishesNothing() throws Exception {
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(simulator(o -> o), new ExtractWindow("run-empty", START, START), published);

        assertThat(published).isEmpty();
        assertThat(summary.sourceRows()).isZero();
    }

    @Test
    void deletesTheDownloadedReport() throws Exception {
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(simulator(o -> o), new ExtractWindow("run-tmp", START, END), published);

        String uuid = summary.source().substring("beacon360 report ".length());
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("beacon360-" + uuid));
        }
    }

    @Test
    void refusedCredentialsSurfaceAsAuthFailure() throws IOException {
        Beacon360Simulator beacon = simulator(o -> o.withCredentials("someone-else", "another-password"));

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> extract(beacon, new ExtractWindow("run-auth", START, END), new ArrayList<>()));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG).doesNotContain(Beacon360SimulatorOptions.DEFAULT_PASSWORD);
    }

    @Test
    void extractorUsesTheConfiguredApiUrlWhenNoEndpointOverridesIt() throws Exception {
        Beacon360Simulator beacon = simulator(o -> o);
        Beacon360Settings settings = settings(beacon.baseUrl());
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, ORG, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.empty());
        List<Published> published = Collections.synchronizedList(new ArrayList<>());

        try (Extractor extractor = new Beacon360Adapter().extractor(source)) {
            extractor.extract(new ExtractWindow("run-url", START, START.plus(Duration.ofHours(1))),
                    (entity, key, record) -> published.add(new Published(entity, key, record)));
        }

        assertThat(published).hasSize(METERS);
    }

    private Beacon360Simulator simulator(UnaryOperator<Beacon360SimulatorOptions> options) {
        Beacon360Simulator simulator = Beacon360Simulator.start(options.apply(Beacon360SimulatorOptions.defaults()
                .withUtility(2026L, METERS, LOS_ANGELES)
                .withClock(AFTER_WINDOW)
                .withPollsBeforeDone(1)));
        simulators.add(simulator);
        return simulator;
    }

    /** The configured API URL is the vendor's; the source is pointed at the simulator the way `simulate:` does. */
    private static ExtractSummary extract(Beacon360Simulator beacon, ExtractWindow window, List<Published> into)
            throws ExtractException, InterruptedException {
        return extract(beacon, settings(Beacon360Settings.DEFAULT_API_URL), window, into);
    }

    private static ExtractSummary extract(Beacon360Simulator beacon, Beacon360Settings settings, ExtractWindow window,
            List<Published> into) throws ExtractException, InterruptedException {
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, ORG, LOS_ANGELES, List.of("warehouse"),
                settings, List.of(), Optional.empty(), Optional.empty())
                .withEndpoint(beacon.baseUrl());
        try (Extractor extractor = new Beacon360Adapter().extractor(source)) {
            return extractor.extract(window, (entity, key, record) -> into.add(new Published(entity, key, record)));
        }
    }

    private static Beacon360Settings settings(URI apiUrl) {
        return new Beacon360Settings(apiUrl, Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_PASSWORD), Duration.ofMillis(20), 20, 3,
                Duration.ofMillis(50), Duration.ofSeconds(30));
    }

    /** Settings whose source names the reports' character set ({@code encoding}). */
    private static Beacon360Settings settings(URI apiUrl, Charset encoding) {
        Beacon360Settings s = settings(apiUrl);
        return new Beacon360Settings(s.apiUrl(), s.user(), s.password(), s.pollInterval(), s.maxPolls(), s.maxRetries(),
                s.retryBackoff(), s.requestTimeout(), Optional.of(encoding));
    }

    /** The instant of a local time as the report prints it (to the minute); a repeated hour is standard time. */
    private static Instant printedLocalTime(LocalDateTime local) {
        return ZonedDateTime.ofLocal(local.truncatedTo(ChronoUnit.MINUTES), LOS_ANGELES, null)
                .withLaterOffsetAtOverlap().toInstant();
    }

    private static String accountOf(SimulatedMeter meter) {
        String account = meter.accountId();
        int dash = account.indexOf('-');
        return dash < 0 ? account : account.substring(0, dash);
    }
}
