package org.amiconnect.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.amiconnect.cli.metrics.PipelineMeters;
import org.amiconnect.cli.notify.Redactor;
import org.amiconnect.cli.status.OrgStatus;
import org.amiconnect.cli.status.RunLine;
import org.amiconnect.cli.status.StatusFixtures;
import org.amiconnect.cli.status.StatusReport;
import org.amiconnect.core.health.ServiceHealth;
import org.amiconnect.schemas.control.ExtractRunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real headless Chromium (Debian's {@code chromium}): it loads, shows every org of the report,
 * its chart and the failed run's error, and never the secret the error quoted. Screenshots (phone and desktop width)
 * are written to {@code target/status-page-*.png} for a reviewer.
 */
class StatusPageChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String SECRET = "pw-Very-Secret-123";
    static final Instant NOW = Instant.now();

    @TempDir
    Path profile;

    PipelineMeters meters;
    OpsServer server;

    @BeforeEach
    void serve() throws IOException {
        meters = new PipelineMeters();
        ServiceHealth health = new ServiceHealth();
        health.register("transformer", Optional::empty);
        server = OpsServer.start("127.0.0.1", 0, "amiconnect run (test)", StatusPageChromiumTest::report, meters,
                health, new Readiness(), Redactor.ofValues(List.of(SECRET)));
    }

    @AfterEach
    void stop() {
        server.close();
        meters.close();
    }

    @Test
    void thePageLoadsInChromiumWithEveryOrgItsChartAndTheFailedRunsErrorButNoSecret() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed at /usr/bin/chromium and .ci/run installs "
                + "it (apt-get install -y chromium); this machine could not, so the browser test is skipped");
        String url = "http://127.0.0.1:" + server.port() + "/";

        String dom = chromium("--dump-dom", url);

        assertThat(dom).contains("AMI Connect status", "fresh_utility", "stale_utility", "failing_utility",
                "Needs attention", "<svg", "reads loaded per day for fresh_utility",
                "Beacon 360 answered HTTP 401 for user it-user", "normalize: NormalizationException");
        assertThat(dom).doesNotContain(SECRET);
        assertThat(dom.split("class=\"org\"", -1)).hasSize(4);

        Path target = Path.of("target");
        for (String size : List.of("412,1600", "1280,1400")) {
            Path shot = target.resolve("status-page-" + (size.startsWith("412") ? "phone" : "desktop") + ".png")
                    .toAbsolutePath();
            Files.deleteIfExists(shot);
            chromium("--screenshot=" + shot, "--window-size=" + size, url);
            assertThat(shot).exists();
            byte[] png = Files.readAllBytes(shot);
            assertThat(png.length).as("screenshot size").isGreaterThan(10_000);
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        return out;
    }

    static StatusReport report() {
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        Map<LocalDate, Long> fresh = new TreeMap<>();
        Map<LocalDate, Long> failing = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            fresh.put(today.minusDays(i), 24_000L + (i % 7) * 900L);
            if (i > 2) {
                failing.put(today.minusDays(i), 11_000L);
            }
        }
        Map<LocalDate, Long> stale = Map.of(today.minusDays(12), 9_000L, today.minusDays(13), 9_500L);
        RunLine failed = RunLine.of(StatusFixtures.run("failing_utility", "failing_utility.standard.x2",
                ExtractRunState.FAILED, NOW, Duration.ofHours(1), "Beacon 360 answered HTTP 401 for user it-user "
                        + "with password " + SECRET));
        RunLine ok = RunLine.of(StatusFixtures.run("fresh_utility", "fresh_utility.standard.f1",
                ExtractRunState.SUCCEEDED, NOW, Duration.ofHours(3), null));
        RunLine old = RunLine.of(StatusFixtures.run("stale_utility", "stale_utility.standard.s1",
                ExtractRunState.SUCCEEDED, NOW, Duration.ofDays(12), null));
        List<OrgStatus> orgs = List.of(
                new OrgStatus("fresh_utility", "beacon_360", Optional.of(ok), Optional.of(NOW.plusSeconds(3600)),
                        Map.of("fresh_utility:2026-01-01..2026-03-01", new OrgStatus.BackfillProgress(4, 6)),
                        Optional.of(NOW.minusSeconds(7200)), 0, List.of(), List.of()),
                new OrgStatus("stale_utility", "beacon_360", Optional.of(old), Optional.of(NOW.plusSeconds(3600)),
                        Map.of(), Optional.of(NOW.minus(Duration.ofDays(12))), 0, List.of(),
                        List.of("stale: newest read is older than 48 h")),
                new OrgStatus("failing_utility", "beacon_360", Optional.empty(), Optional.of(NOW.plusSeconds(3600)),
                        Map.of(), Optional.of(NOW.minus(Duration.ofDays(3))), 12, List.of(failed),
                        List.of("extract standard failed (run " + failed.runId() + "): " + failed.error())));
        return new StatusReport(NOW, orgs, Map.of("transformer", 0L, "loader wh", 12L, "archiver", 0L), List.of(),
                List.of(failed, ok, old), Map.of("normalize: NormalizationException", 12L), Map.of(),
                Map.of("fresh_utility", fresh, "stale_utility", stale, "failing_utility", failing), List.of());
    }
}
