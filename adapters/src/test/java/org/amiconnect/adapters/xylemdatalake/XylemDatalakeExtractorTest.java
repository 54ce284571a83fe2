package org.amiconnect.adapters.xylemdatalake;

import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.ORG;
import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.ZONE;
import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.settings;
import static org.amiconnect.adapters.xylemdatalake.XylemDatalakeTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeAccount;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterInterval;
import org.amiconnect.schemas.raw.xylemdatalake.XylemDatalakeWaterRegister;
import org.amiconnect.simulators.xylemdatalake.XylemDatalakeSimulator;
import org.amiconnect.simulators.xylemdatalake.XylemDatalakeSimulatorOptions;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XylemDatalakeExtractorTest {

    private static final int METERS = 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-12T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant DAY_START = Instant.parse("2026-06-10T00:00:00Z");
    private static final Instant DAY_END = Instant.parse("2026-06-11T00:00:00Z");

    private final List<XylemDatalakeSimulator> simulators = new ArrayList<>();
    private final List<Published> published = new ArrayList<>();
    private final RawRecordSink sink = (entity, key, record) -> published.add(new Published(entity, key, record));

    private record Published(RawEntity entity, String key, SpecificRecord record) {
    }

    @AfterEach
    void stop() {
        simulators.forEach(XylemDatalakeSimulator::close);
    }

    @Test
    void publishesTheAccountsFirstThenEveryIntervalAndRegisterOfTheWindow() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);

        ExtractSummary summary = extract(lake, settings(), DAY_START, DAY_END);

        List<Published> accounts = of(XylemDatalakeAdapter.ACCOUNT);
        // one active row per water meter (the simulator adds a non-water device per 50 meters: none here)
        assertThat(accounts).hasSize(METERS);
        assertThat(of(XylemDatalakeAdapter.WATER_INTERVAL)).hasSize(METERS * 24);
        assertThat(of(XylemDatalakeAdapter.WATER_REGISTER)).hasSize(METERS * 24);
        assertThat(published.subList(0, accounts.size())).allMatch(p -> p.entity() == XylemDatalakeAdapter.ACCOUNT);
        assertThat(summary.sourceRows()).isEqualTo(published.size());
        Published first = accounts.get(0);
        XylemDatalakeAccount account = (XylemDatalakeAccount) first.record();
        assertThat(first.key()).isEqualTo(ORG + "|" + account.getDeviceId());
        assertThat(account.getExtract().getRunId()).isEqualTo("run-1");
        assertThat(account.getExtract().getSource()).contains("sensus_dm_simagency.account");
        assertThat(account.getExtract().getSourceRecord()).isEqualTo(1L);
        XylemDatalakeWaterInterval interval = (XylemDatalakeWaterInterval) of(XylemDatalakeAdapter.WATER_INTERVAL)
                .get(0).record();
        assertThat(of(XylemDatalakeAdapter.WATER_INTERVAL).get(0).key()).isEqualTo(ORG + "|" + interval.getMeterId());
    }

    @Test
    void queriesTheReadTablesInChunksNewestFirstWithHalfOpenUtcBounds() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);

        extract(lake, settings(), DAY_START, DAY_END);

        assertThat(lake.sqlLog()).hasSize(5);
        assertThat(lake.sqlLog().get(0)).contains("FROM sensus_dm_simagency.account WHERE record_active_flag = 'true'");
        assertThat(lake.sqlLog().get(1)).contains("FROM sensus_dm_simagency.water_intervals WHERE "
                + "read_time_timestamp >= '2026-06-10 12:00:00' AND read_time_timestamp < '2026-06-11 00:00:00'");
        assertThat(lake.sqlLog().get(2)).contains("read_time_timestamp >= '2026-06-10 00:00:00' AND "
                + "read_time_timestamp < '2026-06-10 12:00:00'");
        assertThat(lake.sqlLog().get(3)).contains("water_registers").contains("'2026-06-10 12:00:00'");
    }

    @Test
    void readsAcrossChunkBoundariesArePublishedExactlyOnce() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o);
        Instant start = Instant.parse("2026-06-10T03:30:00Z");

        extract(lake, settings(XylemDatalakeSimulatorOptions.DEFAULT_PASSWORD, Duration.ofHours(5),
                Duration.ofMillis(50)), start, DAY_END);

        List<String> expected = lake.generator().reads(start, DAY_END)
                .map(r -> r.meter().meterId() + "@" + r.instant()).sorted().toList();
        List<String> intervals = of(XylemDatalakeAdapter.WATER_INTERVAL).stream()
                .map(p -> (XylemDatalakeWaterInterval) p.record())
                .map(r -> r.getMeterId() + "@" + utc(r.getReadTimeTimestamp())).sorted().toList();
        List<String> registers = of(XylemDatalakeAdapter.WATER_REGISTER).stream()
                .map(p -> (XylemDatalakeWaterRegister) p.record())
                .map(r -> r.getMeterId() + "@" + utc(r.getReadTimeTimestamp())).sorted().toList();
        assertThat(intervals).containsExactlyElementsOf(expected);
        assertThat(registers).containsExactlyElementsOf(expected);
        // 20.5 hours in 5-hour chunks: 5 queries per read table
        assertThat(lake.sqlLog()).hasSize(1 + 5 + 5);
    }

    @Test
    void aChunkOverSupersetsRowLimitIsQueriedAgainInHalves() throws Exception {
        // a 12-hour chunk holds 30 × 12 = 360 rows; 200 forces one split per chunk
        XylemDatalakeSimulator lake = simulator(o -> o.withRowLimit(200));

        extract(lake, settings(), DAY_START, DAY_END);

        assertThat(of(XylemDatalakeAdapter.WATER_INTERVAL)).hasSize(METERS * 24);
        assertThat(of(XylemDatalakeAdapter.WATER_REGISTER)).hasSize(METERS * 24);
        List<String> keys = of(XylemDatalakeAdapter.WATER_INTERVAL).stream()
                .map(p -> (XylemDatalakeWaterInterval) p.record())
                .map(r -> r.getMeterId() + "@" + r.getReadTimeTimestamp()).distinct().toList();
        assertThat(keys).hasSize(METERS * 24);
        assertThat(lake.truncatedAnswers()).isEqualTo(4);
        assertThat(lake.sqlLog()).hasSize(1 + 2 * (2 + 4));
    }

    @Test
    void aFailurePartWayStopsTheRunAtThatQueryAfterPublishingTheAnswersBeforeIt() {
        XylemDatalakeSimulator lake = simulator(o -> o);
        // account and the first interval chunk answer; the second interval chunk's answer is broken
        lake.answerNextQueries(2);
        lake.malformedNextQueries(1);

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> extract(lake, settings(), DAY_START, DAY_END));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("water_intervals 2026-06-10 00:00:00 .. 2026-06-10 12:00:00 UTC");
        // each answer is published as it arrives: the accounts and the newest interval chunk, each row once
        assertThat(of(XylemDatalakeAdapter.ACCOUNT)).hasSize(METERS);
        List<String> intervals = of(XylemDatalakeAdapter.WATER_INTERVAL).stream()
                .map(p -> ((XylemDatalakeWaterInterval) p.record()))
                .map(r -> r.getMeterId() + "@" + r.getReadTimeTimestamp()).toList();
        assertThat(intervals).hasSize(METERS * 12).doesNotHaveDuplicates();
        assertThat(of(XylemDatalakeAdapter.WATER_REGISTER)).isEmpty();
    }

    @Test
    void aSessionExpiringDuringTheRunIsRenewedAndNothingIsMissed() throws Exception {
        XylemDatalakeSimulator lake = simulator(o -> o.withSessionQueries(2));

        extract(lake, settings(), DAY_START, DAY_END);

        assertThat(of(XylemDatalakeAdapter.WATER_INTERVAL)).hasSize(METERS * 24);
        assertThat(of(XylemDatalakeAdapter.WATER_REGISTER)).hasSize(METERS * 24);
        assertThat(lake.passwordLogins()).isEqualTo(3);
        assertThat(lake.expiredAnswers()).isEqualTo(2);
    }

    @Test
    void refusedCredentialsFailTheRunAsAuthWithoutPublishing() {
        XylemDatalakeSimulator lake = simulator(o -> o);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(lake,
                settings("nope", Duration.ofHours(12), Duration.ofMillis(50)), DAY_START, DAY_END));

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(published).isEmpty();
    }

    private ExtractSummary extract(XylemDatalakeSimulator lake, XylemDatalakeSettings settings, Instant start,
            Instant end) throws ExtractException, InterruptedException {
        XylemDatalakeExtractor extractor = new XylemDatalakeExtractor(source(lake, settings), CLOCK);
        return extractor.extract(new ExtractWindow("run-1", start, end), sink);
    }

    private List<Published> of(RawEntity entity) {
        return published.stream().filter(p -> p.entity() == entity).toList();
    }

    private static Instant utc(String naive) {
        return java.time.LocalDateTime.parse(naive.replace(' ', 'T')).toInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
    }

    private XylemDatalakeSimulator simulator(UnaryOperator<XylemDatalakeSimulatorOptions> options) {
        XylemDatalakeSimulator lake = XylemDatalakeSimulator.start(options.apply(
                XylemDatalakeSimulatorOptions.defaults().withUtility(5L, METERS, ZONE)));
        simulators.add(lake);
        return lake;
    }
}
