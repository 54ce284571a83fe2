package org.amiconnect.adapters.metersense;

import static org.amiconnect.adapters.jdbc.BastionSources.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.adapters.jdbc.BastionSources;
import org.amiconnect.adapters.jdbc.BastionSources.Published;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseMeter;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.metersense.MetersenseRegisterRead;
import org.amiconnect.simulators.database.BastionDatabase;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.metersense.MetersenseSimulator;
import org.amiconnect.testsupport.postgres.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Metersense extractor against the simulated Oracle schema on PostgreSQL, reached through the simulated bastion. */
class MetersenseExtractorTest {

    private static final long SEED = 77L;
    private static final int METERS = 20;
    private static final Instant READS_FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant READS_TO = Instant.parse("2026-11-23T00:00:00Z");
    /** The local day 2026-11-21 in Los Angeles. */
    private static final ExtractWindow DAY = new ExtractWindow("run-1", Instant.parse("2026-11-21T08:00:00Z"),
            Instant.parse("2026-11-22T08:00:00Z"));

    private final MetersenseAdapter adapter = new MetersenseAdapter();
    private final UtilityGenerator utility = new UtilityGenerator(SEED, METERS, BastionSources.LOS_ANGELES);
    private BastionDatabase simulator;

    @BeforeEach
    void start() {
        simulator = MetersenseSimulator.start(BastionSources.simulated(SEED, METERS), ScratchSchema.SERVER, READS_FROM,
                READS_TO);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private SourceConfig source(String sshPassword, int fetchSize) {
        return BastionSources.source(MetersenseAdapter.TYPE, new MetersenseSettings(BastionSources.settings(
                "Metersense", sshPassword, MetersenseSettings.DEFAULT_URL, fetchSize)), simulator);
    }

    @Test
    void readsEveryTableThroughTheTunnelByColumnName() throws Exception {
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = BastionSources.extract(adapter, source(BastionSources.SSH_PASSWORD, 100), DAY,
                published);

        List<MetersenseMeter> meters = BastionSources.of(published, MetersenseAdapter.METERS);
        assertThat(meters).hasSize(METERS + 1); // one electric twin (meter 0)
        List<MetersenseIntervalRead> intervals = BastionSources.of(published, MetersenseAdapter.INTERVALREADS);
        List<MetersenseRegisterRead> registers = BastionSources.of(published, MetersenseAdapter.REGISTERREADS);
        assertThat(intervals).hasSize(expectedReads(11, 6));
        assertThat(registers).hasSize(expectedReads(7, 5));
        assertThat(intervals).noneMatch(r -> r.getMeterId().startsWith("E"));

        // the simulator's columns are in another order than the predecessor's: values still land in their fields
        SimulatedMeter meter = utility.meter(3);
        SimulatedRead first = utility.reads(meter, DAY.start(), DAY.end()).findFirst().orElseThrow();
        MetersenseIntervalRead read = intervals.stream().filter(r -> r.getMeterId().equals(meter.meterId()))
                .findFirst().orElseThrow();
        assertThat(read.getReadDtm()).isEqualTo(first.localTime().toString() + ":00");
        assertThat(new BigDecimal(read.getReadValue())).isEqualByComparingTo(first.flowString());
        assertThat(read.getUom()).isEqualTo(first.flowUnit());
        assertThat(read.getExtract().getSource()).isEqualTo("metersense INTERVALREADS");
        assertThat(published).filteredOn(p -> p.record() == read).extracting(Published::key)
                .containsExactly(ORG + "|" + meter.meterId());

        // a column the raw record does not declare is kept, and the run says so
        assertThat(meters.get(0).getExtract().getExtraColumns()).containsKey("install_note");
        assertThat(summary.warnings()).anyMatch(w -> w.contains("install_note"));
        assertThat(summary.sourceRows()).isEqualTo(published.size() - histories(published).size()
                + linkRows());
    }

    @Test
    void derivesEachMetersLocationAndAccountHistory() throws Exception {
        List<Published> published = new ArrayList<>();

        BastionSources.extract(adapter, source(BastionSources.SSH_PASSWORD, 100), DAY, published);

        List<MetersenseMeterHistory> histories = histories(published);
        // every water meter: "always" (no link yet), then its link from the install date
        assertThat(histories).extracting(MetersenseMeterHistory::getMeterId).doesNotContain("E" + utility.meter(0)
                .meterId());
        SimulatedMeter changes = utility.meter(10);
        assertThat(histories).filteredOn(h -> h.getMeterId().equals(changes.meterId()))
                .extracting(MetersenseMeterHistory::getValidFrom, MetersenseMeterHistory::getAccountId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, null),
                        org.assertj.core.groups.Tuple.tuple(changes.meterInstallDate().toString() + ":00",
                                changes.accountId()),
                        org.assertj.core.groups.Tuple.tuple("2026-11-21T00:00:00", "N" + changes.accountId()));
        SimulatedMeter moves = utility.meter(0);
        assertThat(histories).filteredOn(h -> h.getMeterId().equals(moves.meterId()))
                .extracting(MetersenseMeterHistory::getLocationNo)
                .containsExactly(null, moves.locationId(), moves.locationId() + "9");
    }

    @Test
    void refusesABastionWhoseHostKeyIsNotTheConfiguredOne() {
        String endpoint = simulator.endpoint().toString();
        String otherKey = "known_hosts=" + java.net.URLEncoder.encode(BastionSources.VENDOR_HOST_KEY,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        URI wrongKey = URI.create(endpoint.replaceFirst("known_hosts=[^&]*", otherKey));
        SourceConfig source = source(BastionSources.SSH_PASSWORD, 100).withEndpoint(wrongKey);

        ExtractException e = catchThrowableOfType(ExtractException.class,
                () -> BastionSources.extract(adapter, source, DAY, new ArrayList<>()));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1:" + simulator.bastion().port(), "host key");
        assertThat(simulator.bastion().failedLogins()).isZero();
    }

    @Test
    void aRefusedPasswordFailsFastNamingOrgAndHost() {
        long started = System.nanoTime();

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> BastionSources.extract(adapter,
                source("not-the-password", 100), DAY, new ArrayList<>()));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1:" + simulator.bastion().port())
                .doesNotContain("not-the-password", BastionSources.SSH_PASSWORD);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTunnelDroppedMidExtractFailsTheRunAndARerunSucceeds() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        List<Published> firstTry = new ArrayList<>();
        SourceConfig source = source(BastionSources.SSH_PASSWORD, 20);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> BastionSources.extract(adapter,
                source, DAY, (entity, key, record) -> {
                    firstTry.add(new Published(entity, key, record));
                    if (entity.equals(MetersenseAdapter.INTERVALREADS) && reads.incrementAndGet() == 30) {
                        simulator.bastion().dropConnections();
                    }
                }));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG, "INTERVALREADS", "tunnel");
        assertThat(BastionSources.of(firstTry, MetersenseAdapter.INTERVALREADS).size())
                .isLessThan(expectedReads(11, 6));

        List<Published> rerun = new ArrayList<>();
        BastionSources.extract(adapter, source, DAY, rerun);
        assertThat(BastionSources.of(rerun, MetersenseAdapter.INTERVALREADS)).hasSize(expectedReads(11, 6));
    }

    @Test
    void aTableWithoutARequiredColumnFailsNamingTheTableAndColumn() throws Exception {
        simulator.database().execute("ALTER TABLE REGISTERREADS DROP COLUMN uom");

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> BastionSources.extract(adapter,
                source(BastionSources.SSH_PASSWORD, 100), DAY, new ArrayList<>()));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG, "REGISTERREADS", "uom");
    }

    /** Water reads of the window: every meter's hours, less the simulator's missing halves. */
    private int expectedReads(int everyNthMeter, int everyNthHour) {
        int n = 0;
        for (SimulatedMeter m : utility.meters()) {
            n += (int) utility.reads(m, DAY.start(), DAY.end())
                    .filter(r -> !(m.index() % everyNthMeter == 0 && r.localTime().getHour() % everyNthHour == 0))
                    .count();
        }
        return n;
    }

    private static List<MetersenseMeterHistory> histories(List<Published> published) {
        return BastionSources.of(published, MetersenseAdapter.METER_HISTORY);
    }

    /** Rows of the meter-links query: one per water meter, one more per moved meter, one more per account change. */
    private int linkRows() {
        int rows = 0;
        for (SimulatedMeter m : utility.meters()) {
            rows += m.index() % 20 == 0 ? 2 : m.index() % 10 == 0 ? 2 : 1;
        }
        return rows;
    }
}
