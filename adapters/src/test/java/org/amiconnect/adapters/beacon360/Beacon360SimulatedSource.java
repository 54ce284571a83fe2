package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;

/**
 * A Beacon 360 source of {@link #METERS} meters in Los Angeles against simulators over HTTP, for tests that extract
 * the twelve local hours of a summer day ({@link #START} .. {@link #END}) in several reports. Each instance is an org of
 * its own, so what one test teaches the extractor about an org's connections does not help another; closing it stops
 * its simulators.
 */
final class Beacon360SimulatedSource implements AutoCloseable {

    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final int METERS = 20;
    /** Twelve local hours of a summer day: {@code METERS * 12} reads. */
    static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    static final Instant END = Instant.parse("2026-06-10T19:00:00Z");

    private static final AtomicInteger ORGS = new AtomicInteger();

    private final String org;
    private final List<Beacon360Simulator> simulators = new ArrayList<>();

    /** @param orgPrefix the org id without the number that makes it this instance's own */
    Beacon360SimulatedSource(String orgPrefix) {
        this.org = orgPrefix + "_" + ORGS.incrementAndGet();
    }

    String org() {
        return org;
    }

    /**
     * Starts a simulator of utility {@code utilityId} with {@link #METERS} meters whose reports hold at most
     * {@code rowCap} rows, ready at the first poll; {@code change} adjusts the options further.
     */
    Beacon360Simulator simulator(long utilityId, long rowCap, UnaryOperator<Beacon360SimulatorOptions> change) {
        Beacon360Simulator beacon = Beacon360Simulator.start(change.apply(Beacon360SimulatorOptions.defaults()
                .withUtility(utilityId, METERS, LOS_ANGELES)
                .withClock(Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC))
                .withPollsBeforeDone(0)
                .withReportRowCap(rowCap)));
        simulators.add(beacon);
        return beacon;
    }

    /**
     * The extractor of this org against {@code beacon}, polling and retrying every few milliseconds.
     *
     * @param expectedConnections the source's {@code expected_connections}, or 0 to learn them from the reports
     * @param rowCap the source's {@code report_row_cap}
     */
    Extractor extractor(Beacon360Simulator beacon, long expectedConnections, long rowCap) {
        Beacon360Settings settings = new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL,
                Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_PASSWORD), Duration.ofMillis(10), 20, 2,
                Duration.ofMillis(10), Duration.ofSeconds(30), Optional.empty(), Optional.empty(), rowCap,
                expectedConnections);
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, org, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.of(beacon.baseUrl()));
        return new Beacon360Adapter().extractor(source);
    }

    /** {@code rows} are the simulator's reads of {@link #START} .. {@link #END}, each exactly once. */
    static void assertEveryReadOnce(Beacon360Simulator beacon, List<Beacon360MeterRead> rows) {
        List<String> expected = beacon.generator().reads(START, END)
                .map(r -> r.meter().endpointSn() + "@" + r.readTimeText()).sorted().toList();
        assertThat(expected).hasSize(METERS * 12);
        assertThat(rows.stream().map(r -> r.getEndpointSN() + "@" + r.getReadTime()).sorted().toList())
                .containsExactlyElementsOf(expected);
    }

    @Override
    public void close() {
        simulators.forEach(Beacon360Simulator::close);
    }
}
