package org.amiconnect.extractor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.amiconnect.adapters.aclara.AclaraAdapter;
import org.amiconnect.adapters.sftpvendor.SftpSourceSettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.TopicSpec;
import org.amiconnect.extractor.ExtractorInstance;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.extractor.ExtractorTestKit;
import org.amiconnect.extractor.MutableClock;
import org.amiconnect.extractor.requests.ExtractRequests;
import org.amiconnect.extractor.runs.RunStates;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.control.ExtractRunState;
import org.amiconnect.simulators.sshd.SftpDropSimulator;
import org.amiconnect.simulators.aclara.AclaraSimulator;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * A file-based vendor's scheduled runs publish each vendor file once: the run state names the files a run ingested
 * ({@code ExtractRun.ingested_files}), the next day's run skips them, and a manual extract of the range publishes
 * them again.
 */
class IngestedFilesIT {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final String ORG = "files_utility";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theNextScheduledRunSkipsFilesAnEarlierRunIngestedAndAManualRunRepublishesThem() throws Exception {
        ExtractorTestKit kit = ExtractorTestKit.create("ingested-files.");
        try (Admin admin = Admin.create(kit.clients.admin("it-setup"))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(
                    TopicSpec.deleting(kit.topics.raw(AclaraAdapter.METER_READ), 3)));
        }
        // Nov 27 12:30 PST: the standard window of the 12:00 tick covers the files of Nov 25, 26 and 27
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T20:30:00Z"));
        try (SftpDropSimulator sftp = AclaraSimulator.start(5, 8, LA, 10, Instant.parse("2026-11-29T20:00:00Z"), 0,
                "it-sftp", "it-sftp-pw")) {
            SftpSourceSettings settings = new SftpSourceSettings("sftp.example.com", 22, SftpDropSimulator.FOLDER,
                    "sftp.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
                    Secret.of("it-sftp"), Secret.of("it-sftp-pw"), Duration.ofSeconds(10), Optional.empty());
            SourceConfig source = new SourceConfig(AclaraAdapter.TYPE, ORG, LA, List.of(), settings, List.of(),
                    Optional.empty(), Optional.of(sftp.endpoint()));
            try (ExtractorService service = kit.service(clock, ExtractorTestKit.fastOptions("files-it"));
                    ExtractorInstance extractor = new ExtractorInstance(service, List.of(source), List.of(), r -> { })) {
                extractor.start();
                ExtractRun first = awaitRuns(extractor, "standard", 1).get(0);
                assertThat(first.getIngestedFiles()).hasSize(3).allSatisfy(f -> assertThat(f)
                        .matches("CaDC_Readings_112[567]2026\\.csv@\\d+"));

                clock.set(Instant.parse("2026-11-28T20:00:01Z"));
                ExtractRun second = awaitRuns(extractor, "standard", 2).get(1);
                assertThat(second.getIngestedFiles()).singleElement().asString()
                        .startsWith("CaDC_Readings_11282026.csv@");
                assertThat(RunStates.totalRecords(second)).isPositive()
                        .isLessThan(RunStates.totalRecords(first));

                kit.publish(ExtractRequests.manual(ORG, second.getRangeStart(), second.getRangeEnd(), "re-pull",
                        "it", clock.instant()));
                ExtractRun manual = awaitRuns(extractor, "manual", 1).get(0);
                assertThat(manual.getIngestedFiles()).hasSize(3);
            }
        }
    }

    private static List<ExtractRun> awaitRuns(ExtractorInstance extractor, String name, int count) {
        await().atMost(WAIT).until(() -> runs(extractor, name).size() >= count
                && runs(extractor, name).stream().allMatch(RunStates::isFinal));
        List<ExtractRun> runs = runs(extractor, name);
        assertThat(runs).allSatisfy(r -> assertThat(r.getState()).as(r.getError() == null ? "" : r.getError())
                .isEqualTo(ExtractRunState.SUCCEEDED));
        return runs;
    }

    private static List<ExtractRun> runs(ExtractorInstance extractor, String name) {
        return extractor.history().runs().stream()
                .filter(r -> ORG.equals(r.getOrgId()) && name.equals(r.getExtractName()))
                .sorted(java.util.Comparator.comparing(ExtractRun::getCreatedAt))
                .toList();
    }
}
