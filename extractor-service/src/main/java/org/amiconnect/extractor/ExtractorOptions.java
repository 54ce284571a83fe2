package org.amiconnect.extractor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import org.amiconnect.core.config.ExtractorSettings;
import org.amiconnect.core.config.SourceConfig;

/**
 * How the extractor runs its extracts.
 *
 * @param runTimeout longest a run may take, retries included; a run over it is FAILED and its open transaction aborted
 * @param maxAttempts attempts of a run whose source fails with a transient error (timeouts, 429, 5xx)
 * @param retryBackoff wait before the second attempt; it doubles per attempt, with jitter
 * @param maxRetryBackoff cap of the wait between attempts
 * @param maxRecordsPerTransaction records after which a run commits what it has published so far (with its progress)
 *     and continues in a new transaction
 * @param maxTransactionAge age after which an open transaction is committed likewise, at the next record or while the
 *     extractor waits for its source ({@code RawRecordSink.awaitingSource}); keeps every transaction well inside the
 *     broker's {@code transaction.max.timeout.ms}
 * @param defaultMaxRange longest range a manual extract request may ask for
 * @param maxRangeByOrg per-org overrides of {@code defaultMaxRange}
 * @param scheduleCheckInterval how often the scheduler looks at the clock for due ticks
 * @param instanceId names this extractor instance in run states and client ids
 */
public record ExtractorOptions(
        Duration runTimeout,
        int maxAttempts,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        int maxRecordsPerTransaction,
        Duration maxTransactionAge,
        Duration defaultMaxRange,
        Map<String, Duration> maxRangeByOrg,
        Duration scheduleCheckInterval,
        String instanceId) {

    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofHours(3);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofMinutes(10);
    /**
     * 50 k: the transformer and loaders start on a large run's first records while the rest downloads (with 200 k a
     * 480 k-read run showed nothing downstream for most of its extract), while the default demo run (48 k) and a day of
     * a 2 k-meter utility stay one transaction. Each commit costs one round of transaction markers.
     */
    public static final int DEFAULT_MAX_RECORDS_PER_TRANSACTION = 50_000;
    public static final Duration DEFAULT_MAX_TRANSACTION_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_RANGE = Duration.ofDays(31);

    public ExtractorOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
        }
        if (maxRecordsPerTransaction < 1) {
            throw new IllegalArgumentException("maxRecordsPerTransaction must be at least 1 but was " + maxRecordsPerTransaction);
        }
        maxRangeByOrg = Map.copyOf(maxRangeByOrg);
    }

    public static ExtractorOptions defaults() {
        return new ExtractorOptions(DEFAULT_RUN_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF,
                DEFAULT_MAX_RETRY_BACKOFF, DEFAULT_MAX_RECORDS_PER_TRANSACTION, DEFAULT_MAX_TRANSACTION_AGE,
                DEFAULT_MAX_RANGE, Map.of(), Duration.ofSeconds(1), defaultInstanceId());
    }

    /** The defaults with {@code extractor.run-timeout} and {@code extractor.max-attempts} from config.yaml. */
    public static ExtractorOptions from(ExtractorSettings settings) {
        return defaults().withRunTimeout(settings.runTimeout()).withMaxAttempts(settings.maxAttempts());
    }

    /** The longest range a manual request for this source may ask for. */
    public Duration maxRange(SourceConfig source) {
        return maxRangeByOrg.getOrDefault(source.orgId(), defaultMaxRange);
    }

    public ExtractorOptions withRunTimeout(Duration d) {
        return with(c -> c.runTimeout = d);
    }

    public ExtractorOptions withMaxAttempts(int n) {
        return with(c -> c.maxAttempts = n);
    }

    public ExtractorOptions withRetryBackoff(Duration first, Duration max) {
        return with(c -> {
            c.retryBackoff = first;
            c.maxRetryBackoff = max;
        });
    }

    public ExtractorOptions withMaxRecordsPerTransaction(int n) {
        return with(c -> c.maxRecordsPerTransaction = n);
    }

    public ExtractorOptions withMaxTransactionAge(Duration d) {
        return with(c -> c.maxTransactionAge = d);
    }

    public ExtractorOptions withMaxRange(Duration defaultMax, Map<String, Duration> byOrg) {
        return with(c -> {
            c.defaultMaxRange = defaultMax;
            c.maxRangeByOrg = byOrg;
        });
    }

    public ExtractorOptions withScheduleCheckInterval(Duration d) {
        return with(c -> c.scheduleCheckInterval = d);
    }

    public ExtractorOptions withInstanceId(String id) {
        return with(c -> c.instanceId = id);
    }

    /** These options with the fields {@code change} sets on a copy; validated as any new options. */
    private ExtractorOptions with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** A mutable copy of the options, so that each with-method names only the fields it changes. */
    private static final class Copy {
        Duration runTimeout;
        int maxAttempts;
        Duration retryBackoff;
        Duration maxRetryBackoff;
        int maxRecordsPerTransaction;
        Duration maxTransactionAge;
        Duration defaultMaxRange;
        Map<String, Duration> maxRangeByOrg;
        Duration scheduleCheckInterval;
        String instanceId;

        Copy(ExtractorOptions o) {
            runTimeout = o.runTimeout;
            maxAttempts = o.maxAttempts;
            retryBackoff = o.retryBackoff;
            maxRetryBackoff = o.maxRetryBackoff;
            maxRecordsPerTransaction = o.maxRecordsPerTransaction;
            maxTransactionAge = o.maxTransactionAge;
            defaultMaxRange = o.defaultMaxRange;
            maxRangeByOrg = o.maxRangeByOrg;
            scheduleCheckInterval = o.scheduleCheckInterval;
            instanceId = o.instanceId;
        }

        ExtractorOptions build() {
            return new ExtractorOptions(runTimeout, maxAttempts, retryBackoff, maxRetryBackoff, maxRecordsPerTransaction,
                    maxTransactionAge, defaultMaxRange, maxRangeByOrg, scheduleCheckInterval, instanceId);
        }
    }

    /** {@code <host>-<pid>}: unique per process, readable in {@code amiconnect runs}. */
    static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
