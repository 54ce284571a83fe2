package org.amiconnect.adapters.aclara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.adapters.sftpvendor.SftpTestSources;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.schemas.raw.aclara.AclaraMeterRead;
import org.amiconnect.simulators.aclara.AclaraFiles;
import org.amiconnect.simulators.aclara.AclaraSimulator;
import org.amiconnect.simulators.sshd.SftpDropSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Aclara extractor against the simulator's real SFTP server (Apache MINA SSHD on loopback). */
class AclaraExtractorTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "my_aclara_utility";
    /** The simulator's clock: files dated Nov 20 … Nov 29, the last one up to 12:00 local. */
    private static final Instant UNTIL = Instant.parse("2026-11-29T20:00:00Z");
    /** The standard window of the Nov 28 12:00 tick: [Nov 26 12:00, Nov 28 12:00) local. */
    private static final ExtractWindow WINDOW = new ExtractWindow("run-1", Instant.parse("2026-11-26T20:00:00Z"),
            Instant.parse("2026-11-28T20:00:00Z"));

    private static SftpDropSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        simulator = AclaraSimulator.start(42, 20, LA, 10, UNTIL, 2, SftpTestSources.USER, SftpTestSources.PASSWORD);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static SourceConfig source() {
        return SftpTestSources.simulated(AclaraAdapter.TYPE, ORG, LA, simulator);
    }

    @Test
    void theWindowReadsTheFilesOfItsFirstToItsLastDayRowByRow() throws Exception {
        List<AclaraMeterRead> records = new ArrayList<>();

        ExtractSummary summary = extract(source(), WINDOW, records);

        Set<String> files = new HashSet<>(records.stream().map(r -> r.getExtract().getSource()).toList());
        assertThat(files).containsExactlyInAnyOrder(AclaraFiles.fileName(LocalDate.of(2026, 11, 26)),
                AclaraFiles.fileName(LocalDate.of(2026, 11, 27)), AclaraFiles.fileName(LocalDate.of(2026, 11, 28)));
        assertThat(summary.ingestedFiles()).hasSize(3).allSatisfy(id -> assertThat(id).matches("CaDC_Readings_\\d{8}\\.csv@\\d+"));
        assertThat(summary.sourceRows()).isEqualTo(records.size());
        assertThat(records).anySatisfy(r -> assertThat(r.getAccountType()).isEqualTo("DETECTOR CHECK"));
        assertThat(records).anySatisfy(r -> assertThat(r.getScaledRead()).isEqualTo("ERROR"));
        // the BOM of Nov 28's file is skipped: its first header is read as AccountNumber
        assertThat(records).filteredOn(r -> r.getExtract().getSource().contains("11282026"))
                .allSatisfy(r -> assertThat(r.getAccountNumber()).isNotNull());
        assertThat(records).allSatisfy(r -> assertThat(r.getExtract().getExtraColumns()).isNull());
        // 20 meters x 24 hourly reads per day, every 10th meter with its two days before again
        long nov27 = records.stream().filter(r -> r.getExtract().getSource().contains("11272026")
                && !r.getAccountType().equals("DETECTOR CHECK")).count();
        assertThat(nov27).isEqualTo(18 * 24 + 2 * 72);
    }

    @Test
    void filesOlderThanTheirDateCarryReadsOneToTwoDaysOlder() throws Exception {
        List<AclaraMeterRead> records = new ArrayList<>();
        extract(source(), WINDOW, records);

        assertThat(records).filteredOn(r -> r.getExtract().getSource().contains("11282026"))
                .anySatisfy(r -> assertThat(r.getReadingTime()).startsWith("2026-11-26"));
    }

    @Test
    void filesEarlierRunsIngestedAreSkippedAndTheRestIsRead() throws Exception {
        List<AclaraMeterRead> first = new ArrayList<>();
        ExtractSummary all = extract(source(), WINDOW, first);
        String nov26 = all.ingestedFiles().stream().filter(f -> f.contains("11262026")).findFirst().orElseThrow();

        List<AclaraMeterRead> second = new ArrayList<>();
        ExtractSummary rest = extract(source(), new ExtractWindow("run-2", WINDOW.start(), WINDOW.end(),
                Set.of(nov26)), second);

        assertThat(rest.ingestedFiles()).hasSize(2).doesNotContain(nov26);
        assertThat(second).noneSatisfy(r -> assertThat(r.getExtract().getSource()).contains("11262026"));

        ExtractSummary none = extract(source(), new ExtractWindow("run-3", WINDOW.start(), WINDOW.end(),
                Set.copyOf(all.ingestedFiles())), new ArrayList<>());
        assertThat(none.sourceRows()).isZero();
        assertThat(none.ingestedFiles()).isEmpty();
    }

    @Test
    void aWindowWithoutFilesSucceedsWithAWarning() throws Exception {
        ExtractSummary summary = extract(source(), new ExtractWindow("run-old", Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-02T00:00:00Z")), new ArrayList<>());

        assertThat(summary.sourceRows()).isZero();
        assertThat(summary.warnings()).singleElement().asString().contains(ORG, "no file", "2025-01-01");
    }

    @Test
    void aWrongHostKeyIsRefusedWithoutRetryNamingOrgHostAndFingerprints() {
        String wrong = "[127.0.0.1]:" + simulator.server().port()
                + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
        SourceConfig source = SftpTestSources.direct(AclaraAdapter.TYPE, ORG, LA, simulator, wrong,
                SftpTestSources.PASSWORD);

        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(source, WINDOW,
                new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.PERMANENT);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1:" + simulator.server().port(),
                simulator.server().hostKeyFingerprint(), "not the configured one");
    }

    @Test
    void aWrongPasswordFailsFastNamingOrgAndHost() {
        SourceConfig source = SftpTestSources.direct(AclaraAdapter.TYPE, ORG, LA, simulator,
                simulator.server().knownHostsLine(), "wrong-password");

        long started = System.nanoTime();
        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(source, WINDOW,
                new ArrayList<>()));

        assertThat(e.kind()).isEqualTo(ExtractException.Kind.AUTH);
        assertThat(e.getMessage()).contains(ORG, "127.0.0.1:" + simulator.server().port(), SftpTestSources.USER)
                .doesNotContain("wrong-password");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(8_000);
    }

    @Test
    void aConnectionDroppedMidDownloadFailsTheRunRetryablyAndARerunReadsEverything() throws Exception {
        List<AclaraMeterRead> complete = new ArrayList<>();
        extract(source(), WINDOW, complete);

        // the window's three files are ~124 kB each: drop in the second, far enough from the end that the client
        // cannot read the rest while the server is still closing the sessions (that happens on another thread)
        simulator.server().dropConnectionsAfterSftpBytes(150_000);
        List<AclaraMeterRead> broken = new ArrayList<>();
        ExtractException e = catchThrowableOfType(ExtractException.class, () -> extract(source(), WINDOW, broken));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains(ORG, "CaDC_Readings_");
        assertThat(broken.size()).isLessThan(complete.size());

        List<AclaraMeterRead> rerun = new ArrayList<>();
        extract(source(), WINDOW, rerun);
        assertThat(rerun).hasSameSizeAs(complete);
    }

    @Test
    void aFileHandedInIsReadLikeOneFromTheServerAndNamedByItsFileName() throws Exception {
        Path file = Files.copy(simulator.folder().resolve(AclaraFiles.fileName(LocalDate.of(2026, 11, 28))),
                dir.resolve(AclaraFiles.fileName(LocalDate.of(2026, 11, 28))));
        List<AclaraMeterRead> records = new ArrayList<>();

        ExtractSummary summary;
        try (Extractor extractor = new AclaraAdapter().fileExtractor(source(), List.of(file))) {
            summary = extractor.extract(new ExtractWindow("run-file", Instant.EPOCH, Instant.EPOCH),
                    (entity, key, record) -> records.add((AclaraMeterRead) record));
        }

        assertThat(summary.sourceRows()).isEqualTo(records.size()).isPositive();
        assertThat(summary.ingestedFiles()).containsExactly(file.getFileName() + "@" + Files.size(file));
        assertThat(records).allSatisfy(r -> assertThat(r.getExtract().getSource()).isEqualTo(file.getFileName()
                .toString()));
        AclaraNormalizer normalizer = new AclaraNormalizer();
        long reads = 0;
        for (AclaraMeterRead r : records) {
            if (!"n/a".equals(r.getScaledRead())) {
                Normalized n = normalizer.normalize(r);
                reads += n.reads().size();
            }
        }
        assertThat(reads).isEqualTo(records.size() - 1 - 2);
    }

    private static ExtractSummary extract(SourceConfig source, ExtractWindow window, List<AclaraMeterRead> into)
            throws Exception {
        try (Extractor extractor = new AclaraAdapter().extractor(source)) {
            return extractor.extract(window, (entity, key, record) -> {
                assertThat(key).startsWith(ORG + "|");
                into.add((AclaraMeterRead) record);
            });
        }
    }
}
