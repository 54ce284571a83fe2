package org.amiconnect.adapters.sentryx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Normalizer;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.sentryx.SentryxConsumption;
import org.amiconnect.schemas.raw.sentryx.SentryxDevice;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.sentryx.SentryxSimulator;
import org.amiconnect.simulators.sentryx.SentryxSimulatorOptions;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SentryxExtractor} against the simulator: what it publishes, keyed how, and across a clock change. */
class SentryxExtractorTest {

    private static final String ORG = "sentryx_extract_org";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private record Published(RawEntity entity, String key, SpecificRecord record) {
    }

    private SentryxSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void publishesEveryDeviceThenEveryPointOfTheWindowKeyedByOrgAndDevice() throws Exception {
        simulator = start(12, 1, 0.0);
        Instant start = Instant.parse("2026-06-10T07:00:00Z");
        Instant end = Instant.parse("2026-06-11T07:00:00Z");
        List<Published> published = new ArrayList<>();

        ExtractSummary summary = extract(start, end, published);

        List<Published> devices = published.stream().filter(p -> p.entity == SentryxAdapter.DEVICE).toList();
        List<Published> points = published.stream().filter(p -> p.entity == SentryxAdapter.CONSUMPTION).toList();
        assertThat(devices).hasSize(12);
        assertThat(published.subList(0, 12)).isEqualTo(devices);
        assertThat(points).hasSize(13 * 24);
        assertThat(summary.sourceRows()).isEqualTo(12 + 13 * 24);
        for (Published p : published) {
            String device = p.record instanceof SentryxDevice d ? d.getDeviceId()
                    : ((SentryxConsumption) p.record).getDeviceId();
            assertThat(p.key).isEqualTo(ORG + "|" + device);
        }
        UtilityGenerator generator = new UtilityGenerator(5, 13, LOS_ANGELES);
        Map<String, SentryxConsumption> byDeviceAndTime = points.stream().map(p -> (SentryxConsumption) p.record)
                .collect(Collectors.toMap(c -> c.getDeviceId() + "@" + c.getTimeStamp(), c -> c));
        for (SimulatedRead read : generator.reads(start, end).toList()) {
            SentryxConsumption c = byDeviceAndTime.get(read.meter().endpointSn() + "@" + read.localTime() + ":00");
            assertThat(c).as("point of %s at %s", read.meter().endpointSn(), read.localTime()).isNotNull();
            assertThat(c.getReading()).isEqualTo(read.readString());
            assertThat(c.getUnits()).isEqualTo(read.readUnit());
        }
    }

    @Test
    void placesBothPointsOfTheRepeatedFallBackHourAnHourApart() throws Exception {
        simulator = start(3, 0, 0.0);
        // local 2026-11-01 00:00 PDT .. 2026-11-02 00:00 PST: 25 hours, 01:xx twice
        Instant start = Instant.parse("2026-11-01T07:00:00Z");
        Instant end = Instant.parse("2026-11-02T08:00:00Z");
        List<Published> published = new ArrayList<>();

        extract(start, end, published);

        Normalizer normalizer = new SentryxNormalizer(LOS_ANGELES);
        List<Instant> flowtimes = new ArrayList<>();
        String firstDevice = null;
        for (Published p : published) {
            if (p.record instanceof SentryxConsumption c) {
                firstDevice = firstDevice == null ? c.getDeviceId() : firstDevice;
                if (c.getDeviceId().equals(firstDevice)) {
                    GeneralMeterRead read = normalizer.normalize(c).reads().get(0);
                    flowtimes.add(read.getFlowtime());
                }
            }
        }
        assertThat(flowtimes).hasSize(25).doesNotHaveDuplicates();
        assertThat(flowtimes).isSorted();
    }

    @Test
    void malformedJsonInTheMiddleOfTheConsumptionFailsTheWholeExtractNamingTheRequest() {
        simulator = start(30, 0, 0.0);
        simulator.faults().malformedJson(1, "/consumption");
        List<Published> published = new ArrayList<>();

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(
                Instant.parse("2026-06-10T07:00:00Z"), Instant.parse("2026-06-11T07:00:00Z"), published));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG, "GET /v1-wm/sites/", "/devices/consumption?skip=0", "not JSON");
        assertThat(published).allMatch(p -> p.entity == SentryxAdapter.DEVICE);
    }

    private ExtractSummary extract(Instant start, Instant end, List<Published> into) throws Exception {
        SentryxSettings settings = new SentryxSettings(SentryxSettings.DEFAULT_API_URL, "x", Secret.of("k"), 25, 3,
                Duration.ofMillis(10), Duration.ofSeconds(10));
        SourceConfig source = new SourceConfig(SentryxAdapter.TYPE, ORG, LOS_ANGELES, List.of(), settings, List.of(),
                Optional.empty(), Optional.empty()).withEndpoint(simulator.endpoint());
        try (var extractor = new SentryxAdapter().extractor(source)) {
            return extractor.extract(new ExtractWindow("run-1", start, end),
                    (entity, key, record) -> into.add(new Published(entity, key, record)));
        }
    }

    private static SentryxSimulator start(int meters, int unknownDevices, double duplicateShare) {
        return SentryxSimulator.start(SentryxSimulatorOptions.defaults()
                .withUtility(5, meters, LOS_ANGELES)
                .withCredentials(SentryxSimulatorOptions.ANY_UTILITY, "k")
                .withClock(LATER)
                .withQuirks(unknownDevices, 0.0, duplicateShare, 0.0, 0));
    }
}
