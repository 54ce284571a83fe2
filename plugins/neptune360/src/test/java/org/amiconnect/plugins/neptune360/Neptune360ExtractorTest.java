package org.amiconnect.plugins.neptune360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.plugins.neptune360.raw.Neptune360Endpoint;
import org.amiconnect.plugins.neptune360.raw.Neptune360Read;
import org.amiconnect.plugins.neptune360.simulator.Neptune360Simulator;
import org.amiconnect.plugins.neptune360.simulator.Neptune360SimulatorOptions;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One window extracted from the simulator: what is published, with which keys, and what is dropped and counted. */
class Neptune360ExtractorTest {

    private static final int METERS = 40;
    private static final ExtractWindow WINDOW = new ExtractWindow("run-1", Instant.parse("2026-06-01T00:00:00Z"),
            Instant.parse("2026-06-01T06:00:00Z"));

    private Neptune360Simulator simulator;

    private record Published(RawEntity entity, String key, SpecificRecord record) {
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private ExtractSummary extract(Neptune360SimulatorOptions options, List<Published> out) throws Exception {
        simulator = Neptune360Simulator.start(options.withUtility(9, METERS, NeptuneFixtures.ZONE));
        Neptune360Extractor extractor = new Neptune360Extractor(
                NeptuneFixtures.source(NeptuneFixtures.settings(7), simulator.endpoint()), Clock.systemUTC());
        return extractor.extract(WINDOW, (entity, key, record) -> out.add(new Published(entity, key, record)));
    }

    @Test
    void publishesEveryEndpointThenEveryReadKeyedByOrgAndMeterNumberMiuId() throws Exception {
        List<Published> out = new ArrayList<>();

        ExtractSummary summary = extract(Neptune360SimulatorOptions.defaults().withDuplicates(0, 0), out);

        List<Published> endpoints = out.stream().filter(p -> p.entity() == Neptune360Adapter.ENDPOINT).toList();
        List<Published> reads = out.stream().filter(p -> p.entity() == Neptune360Adapter.READ).toList();
        assertThat(endpoints).hasSize(METERS);
        assertThat(reads).hasSize(METERS * 6);
        assertThat(out.subList(0, METERS)).containsExactlyElementsOf(endpoints);
        SimulatedMeter meter = new UtilityGenerator(9, METERS, NeptuneFixtures.ZONE).meter(0);
        String device = meter.meterId() + "-" + meter.endpointSn();
        assertThat(endpoints.get(0).key()).isEqualTo("neptune_utility|" + device);
        Neptune360Endpoint first = (Neptune360Endpoint) endpoints.get(0).record();
        assertThat(first.getExtract().getSource()).isEqualTo("GET /v1/sites/{site_id}/endpoints page 1");
        assertThat(first.getExtract().getSourceRecord()).isEqualTo(1L);
        assertThat(first.getExtract().getRunId()).isEqualTo("run-1");
        assertThat(reads).allSatisfy(p -> assertThat(p.key()).isEqualTo("neptune_utility|"
                + ((Neptune360Read) p.record()).getMeterNumber() + "-" + ((Neptune360Read) p.record()).getMiuId()));
        assertThat(summary.sourceRows()).isEqualTo(METERS * 7L);
        assertThat(summary.skipped()).isZero();
        assertThat(summary.warnings()).isEmpty();
    }

    @Test
    void duplicateEndpointsAndReadsAreDroppedAndCounted() throws Exception {
        List<Published> out = new ArrayList<>();

        // every 8th endpoint and every 16th read listed twice, the copies on later pages
        ExtractSummary summary = extract(Neptune360SimulatorOptions.defaults().withDuplicates(8, 16), out);

        int duplicateEndpoints = METERS / 8;
        int duplicateReads = METERS * 6 / 16;
        assertThat(out.stream().filter(p -> p.entity() == Neptune360Adapter.ENDPOINT)).hasSize(METERS);
        Set<String> readKeys = new HashSet<>();
        out.stream().filter(p -> p.entity() == Neptune360Adapter.READ)
                .forEach(p -> assertThat(readKeys.add(p.key() + "@" + ((Neptune360Read) p.record()).getReadTime()))
                        .as("read %s published once", p.key()).isTrue());
        assertThat(readKeys).hasSize(METERS * 6);
        assertThat(summary.sourceRows()).isEqualTo(METERS * 7L + duplicateEndpoints + duplicateReads);
        assertThat(summary.skipped()).isEqualTo(duplicateEndpoints + duplicateReads);
        assertThat(summary.warnings()).containsExactly("neptune source 'neptune_utility': dropped " + duplicateEndpoints
                + " duplicate endpoints (same meter_number-miu_id) and " + duplicateReads
                + " duplicate reads (same device and read time) the API returned");
    }

    @Test
    void aBrokenPageFailsTheWholeExtractNamingThePage() {
        List<Published> out = new ArrayList<>();

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> {
            simulator = Neptune360Simulator.start(Neptune360SimulatorOptions.defaults()
                    .withUtility(9, METERS, NeptuneFixtures.ZONE));
            simulator.malformNextListings(1);
            new Neptune360Extractor(NeptuneFixtures.source(NeptuneFixtures.settings(7), simulator.endpoint()),
                    Clock.systemUTC()).extract(WINDOW, (entity, key, record) -> out.add(new Published(entity, key, record)));
        });

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains("endpoints page 1 answered with invalid JSON");
        assertThat(out).isEmpty();
    }
}
