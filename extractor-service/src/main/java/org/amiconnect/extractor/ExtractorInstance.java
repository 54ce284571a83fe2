package org.amiconnect.extractor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.amiconnect.core.config.BackfillConfig;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.extractor.requests.ExtractRequestListener;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.extractor.schedule.ExtractScheduler;
import org.amiconnect.schemas.control.ExtractRun;

/**
 * One extractor instance of a pipeline: it rebuilds the run history from {@code ami.control.extract-runs}, runs the
 * extract requests of the orgs whose partitions it owns, and publishes requests for schedule ticks and backfill chunks.
 * Start as many as you like (in one process or many): the consumer group spreads the orgs over them.
 *
 * <pre>{@code
 * try (ExtractorService service = new ExtractorService(clients, topics, registry, adapters, clock, options);
 *         ExtractorInstance extractor = new ExtractorInstance(service, config.sources(), config.backfills(), run -> {})) {
 *     extractor.start();
 *     ...
 * }
 * }</pre>
 */
public final class ExtractorInstance implements AutoCloseable {

    private final RunHistory history;
    private final ExtractRequestListener listener;
    private final ExtractScheduler scheduler;

    /**
     * @param sources the sources this instance may extract (requests for other orgs are rejected)
     * @param backfills the configured backfills
     * @param onRun told of every run's final state (SUCCEEDED, FAILED, REJECTED) that this instance produced
     */
    public ExtractorInstance(ExtractorService service, List<SourceConfig> sources, List<BackfillConfig> backfills,
            Consumer<ExtractRun> onRun) {
        this.history = new RunHistory(service.clients(), service.topics(), service.registry(),
                "amiconnect-extractor-history-" + service.options().instanceId());
        this.listener = new ExtractRequestListener(service, history, sources, onRun);
        this.scheduler = new ExtractScheduler(service, history, sources, backfills);
    }

    public void start() {
        history.start();
        listener.start();
        scheduler.start();
    }

    /** Why this instance has stopped taking requests for good without being closed; empty while it runs. */
    public Optional<String> failure() {
        return listener.failure();
    }

    public RunHistory history() {
        return history;
    }

    public ExtractRequestListener listener() {
        return listener;
    }

    /** Stops scheduling, abandons runs in progress (their requests run again later) and leaves the consumer group. */
    @Override
    public void close() {
        scheduler.close();
        listener.close();
        history.close();
    }
}
