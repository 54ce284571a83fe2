package org.amiconnect.adapters.beacon360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.END;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.METERS;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.START;
import static org.amiconnect.adapters.beacon360.Beacon360SimulatedSource.assertEveryReadOnce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Beacon's report row cap against a simulator that enforces it (here 100 rows: 20 meters × 5 hours). */
class Beacon360RowCapTest {

    /** Under the 240 rows of the twelve hours extracted. */
    private static final long CAP = 100;

    /** Each test is its own org: what one learns about the org's connections must not help another. */
    private final Beacon360SimulatedSource source = new Beacon360SimulatedSource("row_cap_org");
    private final String org = source.org();

    @AfterEach
    void stop() {
        source.close();
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

    private Extractor extractor(Beacon360Simulator beacon, long expectedConnections) {
        return source.extractor(beacon, expectedConnections, CAP);
    }

    private Beacon360Simulator simulator() {
        return simulator(o -> o);
    }

    private Beacon360Simulator simulator(UnaryOperator<Beacon360SimulatorOptions> change) {
        return source.simulator(3L, CAP, change);
    }
}
