package org.amiconnect.adapters.subeca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.amiconnect.simulators.subeca.SubecaSimulator;
import org.amiconnect.simulators.subeca.SubecaSimulatorOptions;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SubecaExtractor} against the simulator: what it publishes per account, keyed how, and what it skips. */
class SubecaExtractorTest {

    private static final String ORG = "subeca_extract_org";
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);
    /** 2026-06-10 17:00Z .. 2026-06-11 05:00Z: two UTC days, 48 hours of usage per account. */
    private static final Instant START = Instant.parse("2026-06-10T17:00:00Z");
    private static final Instant END = Instant.parse("2026-06-11T05:00:00Z");

    private record Published(RawEntity entity, String key, SpecificRecord record) {
    }

    private SubecaSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void publishesEachAccountThenItsLatestReadingThenItsUsagesOfTheWholeUtcDays() throws Exception {
        simulator = start(4, 1, 0.0);
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(published);

        assertThat(published).filteredOn(p -> p.entity == SubecaAdapter.ACCOUNT).hasSize(4);
        assertThat(published).filteredOn(p -> p.entity == SubecaAdapter.LATEST_READING).hasSize(4);
        assertThat(published).filteredOn(p -> p.entity == SubecaAdapter.USAGE).hasSize(4 * 48);
        assertThat(published.get(0).entity).isEqualTo(SubecaAdapter.ACCOUNT);
        assertThat(published.get(1).entity).isEqualTo(SubecaAdapter.LATEST_READING);
        assertThat(published.get(2).entity).isEqualTo(SubecaAdapter.USAGE);
        for (Published p : published) {
            assertThat(p.key).isEqualTo(ORG + "|" + deviceOf(p.record));
        }
        SubecaUsage first = (SubecaUsage) published.get(2).record;
        assertThat(first.getUsageTime()).isEqualTo("2026-06-10T00:00:00+00:00");
        assertThat(first.getAccountId()).isEqualTo(((SubecaAccount) published.get(0).record).getAccountId());
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.warnings()).singleElement().asString().contains("1 account(s) without a device", "V.1000.W");
    }

    @Test
    void usagesWithoutADeviceAreSkippedAndCounted() throws Exception {
        simulator = start(4, 0, 0.05);
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(published);

        long usages = published.stream().filter(p -> p.entity == SubecaAdapter.USAGE).count();
        assertThat(summary.skipped()).isPositive();
        assertThat(usages + summary.skipped()).isEqualTo(4 * 48);
        assertThat(summary.warnings()).anyMatch(w -> w.contains("usage(s) without a deviceId are skipped"));
    }

    private static String deviceOf(SpecificRecord r) {
        if (r instanceof SubecaAccount a) {
            return a.getDeviceId();
        }
        if (r instanceof SubecaLatestReading l) {
            return l.getDeviceId();
        }
        return ((SubecaUsage) r).getDeviceId();
    }

    private ExtractSummary extract(List<Published> into) throws Exception {
        SubecaSettings settings = new SubecaSettings(simulator.endpoint(), Secret.of("k"), 100, 3,
                Duration.ofMillis(10), Duration.ofSeconds(10));
        SourceConfig source = new SourceConfig(SubecaAdapter.TYPE, ORG, ZoneId.of("America/Los_Angeles"), List.of(),
                settings, List.of(), Optional.empty(), Optional.empty());
        try (var extractor = new SubecaAdapter().extractor(source)) {
            return extractor.extract(new ExtractWindow("run-1", START, END),
                    (entity, key, record) -> into.add(new Published(entity, key, record)));
        }
    }

    private static SubecaSimulator start(int meters, int vacant, double noDeviceShare) {
        return SubecaSimulator.start(SubecaSimulatorOptions.defaults()
                .withUtility(21, meters, ZoneId.of("America/Los_Angeles"))
                .withApiKey("k")
                .withClock(LATER)
                .withQuirks(vacant, 0.0, 0.0, noDeviceShare, 0.0));
    }
}
