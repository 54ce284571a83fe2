package org.amiconnect.adapters.moultonniguel;

import static org.amiconnect.adapters.jdbc.BastionSources.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.adapters.jdbc.BastionSources;
import org.amiconnect.adapters.jdbc.BastionSources.Published;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelAmi;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeter;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeterHistory;
import org.amiconnect.simulators.database.BastionDatabase;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.moultonniguel.MoultonNiguelSimulator;
import org.amiconnect.testsupport.postgres.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Moulton Niguel extractor against the simulated Redshift tables on PostgreSQL, through the simulated bastion. */
class MoultonNiguelExtractorTest {

    private static final long SEED = 91L;
    private static final int METERS = 16;
    private static final Instant READS_FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant READS_TO = Instant.parse("2026-11-23T00:00:00Z");
    private static final ExtractWindow DAY = new ExtractWindow("run-1", Instant.parse("2026-11-21T08:00:00Z"),
            Instant.parse("2026-11-22T08:00:00Z"));

    private final MoultonNiguelAdapter adapter = new MoultonNiguelAdapter();
    private final UtilityGenerator utility = new UtilityGenerator(SEED, METERS, BastionSources.LOS_ANGELES);
    private BastionDatabase simulator;

    @BeforeEach
    void start() {
        simulator = MoultonNiguelSimulator.start(BastionSources.simulated(SEED, METERS), ScratchSchema.SERVER,
                READS_FROM, READS_TO);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private SourceConfig source(String sshPassword, int fetchSize) {
        return BastionSources.source(MoultonNiguelAdapter.TYPE, new MoultonNiguelSettings(BastionSources.settings(
                "Moulton Niguel", sshPassword, MoultonNiguelSettings.DEFAULT_URL, fetchSize)), simulator);
    }

    @Test
    void readsEveryTableThroughTheTunnelByColumnName() throws Exception {
        List<Published> published = new ArrayList<>();

        BastionSources.extract(adapter, source(BastionSources.SSH_PASSWORD, 100), DAY, published);

        List<MoultonNiguelAmi> amis = BastionSources.of(published, MoultonNiguelAdapter.AMI);
        assertThat(amis).hasSize(METERS * 24);
        SimulatedMeter meter = utility.meter(2);
        SimulatedRead first = utility.reads(meter, DAY.start(), DAY.end()).findFirst().orElseThrow();
        MoultonNiguelAmi ami = amis.stream().filter(a -> a.getEncid().equals(meter.meterId())).findFirst()
                .orElseThrow();
        assertThat(Instant.from(java.time.OffsetDateTime.parse(ami.getDatetime()))).isEqualTo(first.instant());
        assertThat(new BigDecimal(ami.getConsumption())).isEqualByComparingTo(
                BigDecimal.valueOf(first.flowCf()).setScale(4, java.math.RoundingMode.HALF_EVEN));
        assertThat(published).filteredOn(p -> p.record() == ami).extracting(Published::key)
                .containsExactly(ORG + "|" + meter.meterId());
        // the meter's current row comes last (meter 0's radio was swapped: its older row first)
        List<MoultonNiguelMeter> rows = BastionSources.<MoultonNiguelMeter>of(published, MoultonNiguelAdapter.METER)
                .stream().filter(m -> m.getMeterId().equals(utility.meter(0).meterId())).toList();
        assertThat(rows).extracting(MoultonNiguelMeter::getErtId).containsExactly("9" + utility.meter(0).endpointSn(),
                utility.meter(0).endpointSn());
        assertThat(rows.get(1).getEndDate()).isEqualTo("9999-01-01");
    }

    @Test
    void derivesEachMetersCustomerHistoryAtItsServiceAddress() throws Exception {
        List<Published> published = new ArrayList<>();

        BastionSources.extract(adapter, source(BastionSources.SSH_PASSWORD, 100), DAY, published);

        SimulatedMeter changes = utility.meter(8);
        List<MoultonNiguelMeterHistory> histories = BastionSources.<MoultonNiguelMeterHistory>of(published,
                MoultonNiguelAdapter.METER_HISTORY).stream().filter(h -> h.getMeterId().equals(changes.meterId()))
                .toList();
        assertThat(histories).extracting(MoultonNiguelMeterHistory::getValidFrom,
                MoultonNiguelMeterHistory::getAccountId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, null),
                org.assertj.core.groups.Tuple.tuple(changes.meterInstallDate().toLocalDate().toString(),
                        changes.accountId()),
                org.assertj.core.groups.Tuple.tuple("2026-11-21", "N" + changes.accountId()));
        assertThat(histories.get(1).getServiceAddress()).isEqualTo(changes.locationId());
    }

    @Test
    void aRefusedPasswordFailsFastNamingOrgAndHost() {
        ExtractException e = catchThrowableOfType(ExtractException.class, () -> BastionSources.extract(adapter,
                source("wrong-pw", 100), DAY, new ArrayList<>()));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1:" + simulator.bastion().port()).doesNotContain("wrong-pw");
    }

    @Test
    void aTunnelDroppedMidExtractFailsTheRunAndARerunSucceeds() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        SourceConfig source = source(BastionSources.SSH_PASSWORD, 20);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> BastionSources.extract(adapter,
                source, DAY, (entity, key, record) -> {
                    if (entity.equals(MoultonNiguelAdapter.AMI) && reads.incrementAndGet() == 30) {
                        simulator.bastion().dropConnections();
                    }
                }));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ExtractException.Kind.TRANSIENT);
        assertThat(e.getMessage()).contains(ORG, "ami", "tunnel");
        List<Published> rerun = new ArrayList<>();
        BastionSources.extract(adapter, source, DAY, rerun);
        assertThat(BastionSources.of(rerun, MoultonNiguelAdapter.AMI)).hasSize(METERS * 24);
    }
}
