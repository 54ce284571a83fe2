package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predecessor's raw-report cache (python-ami-connect §2.2): a folder of downloaded reports reused by range. */
class Beacon360ReportCacheTest {

    private static final String ORG = "cache_org";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final int METERS = 10;
    /** Local 2026-06-10 00:00 .. 06:00 (PDT). */
    private static final Instant START = Instant.parse("2026-06-10T07:00:00Z");
    private static final Instant END = Instant.parse("2026-06-10T13:00:00Z");
    private static final String CACHED_NAME =
            "beacon-360-cache_org-2026-06-10T00:00:00-2026-06-10T06:00:00-cached-report.txt";

    @TempDir
    Path cache;

    private final List<Beacon360Simulator> simulators = new ArrayList<>();

    @AfterEach
    void stop() {
        simulators.forEach(Beacon360Simulator::close);
    }

    @Test
    void aDownloadedReportIsKeptUnderThePredecessorsNameAndReusedForTheSameRange() throws Exception {
        Beacon360Simulator beacon = simulator();
        List<Beacon360MeterRead> first = new ArrayList<>();
        List<Beacon360MeterRead> second = new ArrayList<>();

        extract(beacon, first);
        extract(beacon, second);

        assertThat(beacon.rangeRequests()).isEqualTo(1);
        assertThat(beacon.downloads()).isEqualTo(1);
        assertThat(cache.resolve(CACHED_NAME)).isRegularFile();
        assertThat(first).hasSize(METERS * 6);
        assertThat(second.stream().map(r -> r.getEndpointSN() + r.getReadTime() + r.getRead()).toList())
                .isEqualTo(first.stream().map(r -> r.getEndpointSN() + r.getReadTime() + r.getRead()).toList());
        assertThat(second.get(0).getExtract().getSource()).isEqualTo("beacon360 cached report " + CACHED_NAME);
    }

    @Test
    void aReportThePredecessorCachedIsReadWithoutAskingBeacon() throws Exception {
        Beacon360Simulator beacon = simulator();
        String csv = new String(getClass().getClassLoader().getResourceAsStream(Beacon360TestReports.FIXTURE)
                .readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(cache.resolve(CACHED_NAME), csv, StandardCharsets.UTF_8);
        List<Beacon360MeterRead> rows = new ArrayList<>();

        ExtractSummary summary = extract(beacon, rows);

        assertThat(beacon.rangeRequests()).isZero();
        assertThat(rows).hasSize(Beacon360TestReports.fixtureRecords().size());
        assertThat(summary.source()).contains(CACHED_NAME);
    }

    @Test
    void aSuccessfulExtractDeletesTheOrgsOlderCachedReportsAndKeepsOtherOrgs() throws Exception {
        Beacon360Simulator beacon = simulator();
        Path older = cache.resolve("beacon-360-cache_org-2026-06-01T00:00:00-2026-06-03T00:00:00-cached-report.txt");
        Path otherOrg = cache.resolve("beacon-360-other_org-2026-06-01T00:00:00-2026-06-03T00:00:00-cached-report.txt");
        Files.writeString(older, "old");
        Files.writeString(otherOrg, "other");

        extract(beacon, new ArrayList<>());

        assertThat(older).doesNotExist();
        assertThat(otherOrg).exists();
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("beacon-360-cache_org"))
                    .toList()).containsExactlyInAnyOrder(CACHED_NAME, CACHED_NAME + ".content-type");
        }
    }

    @Test
    void withoutTheCacheNoReportIsLeftOnDisk() throws Exception {
        Beacon360Simulator beacon = simulator();
        Beacon360Settings settings = settings(Optional.empty());

        try (Extractor extractor = extractor(beacon, settings)) {
            extractor.extract(new ExtractWindow("run-1", START, END), (e, k, r) -> { });
            extractor.extract(new ExtractWindow("run-2", START, END), (e, k, r) -> { });
        }

        assertThat(beacon.rangeRequests()).isEqualTo(2);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    private ExtractSummary extract(Beacon360Simulator beacon, List<Beacon360MeterRead> into) throws Exception {
        try (Extractor extractor = extractor(beacon, settings(Optional.of(cache)))) {
            return extractor.extract(new ExtractWindow("run-1", START, END),
                    (e, k, r) -> into.add((Beacon360MeterRead) r));
        }
    }

    private static Beacon360Settings settings(Optional<Path> cacheFolder) {
        return new Beacon360Settings(Beacon360Settings.DEFAULT_API_URL,
                Secret.of(Beacon360SimulatorOptions.DEFAULT_USERNAME),
                Secret.of(Beacon360SimulatorOptions.DEFAULT_PASSWORD), Duration.ofMillis(10), 20, 3,
                Duration.ofMillis(20), Duration.ofSeconds(30), Optional.empty(), cacheFolder,
                Beacon360Settings.DEFAULT_REPORT_ROW_CAP, 0);
    }

    private static Extractor extractor(Beacon360Simulator beacon, Beacon360Settings settings) {
        SourceConfig source = new SourceConfig(Beacon360Adapter.TYPE, ORG, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.of(beacon.baseUrl()));
        return new Beacon360Adapter().extractor(source);
    }

    private Beacon360Simulator simulator() {
        Beacon360Simulator beacon = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults()
                .withUtility(9L, METERS, LOS_ANGELES)
                .withClock(Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC))
                .withPollsBeforeDone(0));
        simulators.add(beacon);
        return beacon;
    }
}
