package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Beacon's report row cap against a simulator that enforces it (here 100 rows: 20 meters × 5 hours). */
class Beacon360RowCapTest {

    private static final String ORG = "row_cap_org";
    /** Each test is its own org: what one learns about the org's connections must not help another. */
    private static final java.util.concurrent.atomic.AtomicInteger ORGS = new java.util.concurrent.atomic.AtomicInteger();
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final int METERS = 20;
    private static final long CAP = 100;
    /** Twelve local hours of a summer day: 240 rows, over the cap. */
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-10T19:00:00Z");

    private final List<Beacon360Simulator> simulators = new ArrayList<>();
    private final String org = ORG + "_" + ORGS.incrementAndGet();

    @AfterEach
    void stop() {
        simulators.forEach(Beacon360Simulator::close);
    }

    @Test
    void aWindowOverTheCapIsAskedForInReportsUnderItWhenTheConnectionsAreKnown() throws Exception {
        Beacon360Simulator beacon = simulator();
        List<Beacon360MeterRead> rows = new ArrayList<>();

        try (Extractor extractor = extractor(beacon, METERS)) {
            extractor.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> rows.add((Beacon360MeterRead) r));
        }

        // 100 / 20 = 5 hours per report: 5 + 5 + 2 hours
        assertThat(beacon.rangeRequests()).isEqualTo(3);
        assertThat(beacon.oversizedReports()).isZero();
        assertEveryReadOnce(beacon, rows);
    }

    @Test
    void withoutAConnectionCountARangeBeaconRefusesIsAskedForInHalves() throws Exception {
        Beacon360Simulator beacon = simulator();
        List<Beacon360MeterRead> rows = new ArrayList<>();

        try (Extractor extractor = extractor(beacon, 0)) {
            extractor.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> rows.add((Beacon360MeterRead) r));
        }

        // 12 h (240 rows) refused, two of 6 h (120) refused, four of 3 h (60) accepted
        assertThat(beacon.oversizedReports()).isEqualTo(3);
        assertThat(beacon.rangeRequests()).isEqualTo(7);
        assertEveryReadOnce(beacon, rows);
    }

    @Test
    void theOrgsNextRunIsSplitBeforeAskingWithTheConnectionsLearnedFromTheLast() throws Exception {
        Beacon360Simulator beacon = simulator();
        List<Beacon360MeterRead> rows = new ArrayList<>();
        try (Extractor first = extractor(beacon, 0)) {
            first.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> { });
        }
        int refused = beacon.oversizedReports();
        int requests = beacon.rangeRequests();

        // the extractor service makes an extractor per run
        try (Extractor next = extractor(beacon, 0)) {
            next.extract(new ExtractWindow("run-2", START, END), (e, k, r) -> rows.add((Beacon360MeterRead) r));
        }

        assertThat(beacon.oversizedReports()).isEqualTo(refused);
        assertThat(beacon.rangeRequests() - requests).isEqualTo(3);
        assertEveryReadOnce(beacon, rows);
    }

    @Test
    void anHourOverTheCapFailsNamingBeaconsMessage() {
        Beacon360Simulator beacon = simulator(o -> o.withReportRowCap(10));

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> {
            try (Extractor extractor = extractor(beacon, 0)) {
                extractor.extract(new ExtractWindow("run-1", START, START.plus(Duration.ofHours(2))), (k, y, r) -> { });
            }
        });

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains(org).contains("exceeds the maximum of 10 rows");
    }

    private static void assertEveryReadOnce(Beacon360Simulator beacon, List<Beacon360MeterRead> rows) {
        List<String> expected = beacon.generator().reads(START, END)
                .map(r -> r.meter().endpointSn() + "@" + r.readTimeText()).sorted().toList();
        assertThat(expected).hasSize(METERS * 12);
        assertThat(rows.stream().map(r -> r.getEndpointSN() + "@" + r.getReadTime()).sorted().toList())
                .containsExactlyElementsOf(expected);
    }

    private Extractor extractor(Beacon360Simulator beacon, long expectedConnections) {
        Beacon360Settings settings = new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL,
                Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_PASSWORD), Duration.ofMillis(10), 20, 3,
                Duration.ofMillis(20), Duration.ofSeconds(30), Optional.empty(), Optional.empty(), CAP,
                expectedConnections);
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, org, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.of(beacon.baseUrl()));
        return new Beacon360Adapter().extractor(source);
    }

    private Beacon360Simulator simulator() {
        return simulator(o -> o);
    }

    private Beacon360Simulator simulator(java.util.function.UnaryOperator<Beacon360SimulatorOptions> change) {
        Beacon360Simulator beacon = Beacon360Simulator.start(change.apply(Beacon360SimulatorOptions.defaults()
                .withUtility(3L, METERS, LOS_ANGELES)
                .withClock(Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC))
                .withPollsBeforeDone(0)
                .withReportRowCap(CAP)));
        simulators.add(beacon);
        return beacon;
    }
}
