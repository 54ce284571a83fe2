package org.amiconnect.loader.checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.loader.sink.WarehouseSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs data-quality checks against a sink and reports the outcome everywhere an operator might look: the log (one
 * line per check), the counters {@code amiconnect.checks.runs} (tags sink, check, status) and
 * {@code amiconnect.checks.failures} (tags sink, check), and the sink's notification hook when a check failed.
 */
public final class CheckRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final MeterRegistry metrics;
    private final Clock clock;

    /** Counting into Micrometer's global registry. */
    public CheckRunner() {
        this(Metrics.globalRegistry, Clock.systemUTC());
    }

    public CheckRunner(MeterRegistry metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    public CheckReport run(SinkConfig sink, WarehouseSink warehouse, List<DataQualityCheck> checks,
            CheckContext context) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        List<CheckResult> results = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (DataQualityCheck check : checks) {
            try {
                CheckResult result = check.run(warehouse, context);
                results.add(result);
                logResult(sink.id(), result);
                count(sink.id(), check.name(), result.status().name());
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                errors.put(check.name(), message);
                log.error("Sink {}: check {} could not run: {}", sink.id(), check.name(), message);
                count(sink.id(), check.name(), "ERROR");
            }
        }
        CheckReport report = new CheckReport(sink.id(), warehouse.description(), started,
                Duration.ofNanos(System.nanoTime() - t0), results, errors);
        if (report.failed()) {
            CheckNotifier notifier = CheckNotifier.of(sink);
            if (notifier.configured()) {
                boolean sent = notifier.send(report);
                log.info("Sink {}: failed checks {} to the notification hook", sink.id(),
                        sent ? "reported" : "could not all be reported");
            }
        }
        return report;
    }

    private static void logResult(String sinkId, CheckResult result) {
        String examples = result.examples().isEmpty() ? "" : "; e.g. " + String.join("; ", result.examples());
        switch (result.status()) {
            case PASSED -> log.info("Sink {}: check {} passed: {}", sinkId, result.check(), result.summary());
            case WARNING -> log.warn("Sink {}: check {} warns: {}{}", sinkId, result.check(), result.summary(), examples);
            case FAILED -> log.error("Sink {}: check {} FAILED: {}{}", sinkId, result.check(), result.summary(),
                    examples);
        }
    }

    private void count(String sinkId, String check, String status) {
        metrics.counter("amiconnect.checks.runs", "sink", sinkId, "check", check, "status", status).increment();
        if (status.equals("FAILED") || status.equals("ERROR")) {
            metrics.counter("amiconnect.checks.failures", "sink", sinkId, "check", check).increment();
        }
    }
}
