package org.amiconnect.adapters.xylemsensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.adapters.sftpvendor.SftpTestSources;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.xylemsensus.XylemSensusMeterReads;
import org.amiconnect.simulators.sensus.SensusSimulator;
import org.amiconnect.simulators.sshd.SftpDropSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Xylem Sensus extractor (which the predecessor never finished) against the simulator's real SFTP server. */
class XylemSensusExtractorTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "my_sensus_utility";
    private static final Instant UNTIL = Instant.parse("2026-11-29T20:00:00Z");
    private static final ExtractWindow WINDOW = new ExtractWindow("run-1", Instant.parse("2026-11-26T20:00:00Z"),
            Instant.parse("2026-11-28T20:00:00Z"));

    private static SftpDropSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = SensusSimulator.start(7, 30, LA, 10, UNTIL, 1, SftpTestSources.USER, SftpTestSources.PASSWORD);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static SourceConfig source() {
        return SftpTestSources.simulated(XylemSensusAdapter.TYPE, ORG, LA, simulator);
    }

    @Test
    void theWindowsFilesBecomeMetersAndHourlyReadsAndEachMalformedLineOneDeadLetter() throws Exception {
        List<XylemSensusMeterReads> records = new ArrayList<>();

        ExtractSummary summary = extract(source(), records);

        assertThat(summary.ingestedFiles()).hasSize(3);
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("line(s) are not MEPMD01"));
        XylemSensusNormalizer normalizer = new XylemSensusNormalizer(LA);
        int reads = 0;
        int deadLetters = 0;
        for (XylemSensusMeterReads r : records) {
            try {
                Normalized n = normalizer.normalize(r);
                reads += n.reads().size();
            } catch (NormalizationException e) {
                deadLetters++;
                assertThat(e.getMessage()).contains("CMEP_MEPMD01_", " line " + r.getExtract().getSourceRecord());
            }
        }
        assertThat(deadLetters).as("one broken line per file").isEqualTo(3);
        // 30 meters, 24 hourly intervals a day over 3 files, less the broken lines, plus the late lines
        assertThat(reads).isGreaterThan(27 * 24 * 3);
    }

    @Test
    void aWrongPasswordFailsFastNamingOrgAndHost() {
        SourceConfig source = SftpTestSources.direct(XylemSensusAdapter.TYPE, ORG, LA, simulator,
                simulator.server().knownHostsLine(), "nope");

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(source, new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1:" + simulator.server().port());
    }

    @Test
    void aConnectionDroppedMidDownloadFailsRetryablyAndARerunSucceeds() throws Exception {
        simulator.server().dropConnectionsAfterSftpBytes(10_000);
        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(source(), new ArrayList<>()));
        assertThat(e.retryable()).isTrue();

        List<XylemSensusMeterReads> rerun = new ArrayList<>();
        assertThat(extract(source(), rerun).ingestedFiles()).hasSize(3);
    }

    private static ExtractSummary extract(SourceConfig source, List<XylemSensusMeterReads> into) throws Exception {
        try (Extractor extractor = new XylemSensusAdapter().extractor(source)) {
            return extractor.extract(WINDOW, (entity, key, record) -> into.add((XylemSensusMeterReads) record));
        }
    }
}
