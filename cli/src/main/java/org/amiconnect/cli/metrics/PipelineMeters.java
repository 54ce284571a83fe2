package org.amiconnect.cli.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.amiconnect.cli.status.OrgStatus;
import org.amiconnect.cli.status.RunLine;
import org.amiconnect.cli.status.StatusReport;
import org.amiconnect.loader.LoaderService;
import org.amiconnect.transformer.TransformerMetrics;
import org.amiconnect.transformer.TransformerService;
import org.apache.kafka.clients.admin.AdminClient;

/**
 * The process's meters, exported in the Prometheus text format on {@code /metrics}. The registry is also added to
 * Micrometer's global registry, so counters other code keeps there (data-quality checks) are exported too. Names
 * follow Micrometer's conventions ({@code amiconnect.reads.normalized} becomes
 * {@code amiconnect_reads_normalized_total} in Prometheus):
 *
 * <ul>
 * <li>extract runs per org, vendor and final state ({@code amiconnect.extract.runs}), their duration
 * ({@code amiconnect.extract.duration}, created to last update) and raw records ({@code amiconnect.extract.records});
 * <li>transformer: raw records in, reads normalized, meters published, dead letters;
 * <li>loader, per sink: readings and meter versions loaded, raw rows per table, batches and failed batches;
 * <li>from the latest status: freshness per org (seconds since the newest read loaded), dead letters of the last
 * 24 h per org, consumer lag per service;
 * <li>Kafka Streams metrics of a hosted transformer and Kafka client metrics of bound clients, JVM memory and threads.
 * </ul>
 */
public final class PipelineMeters implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<StatusReport> status = new AtomicReference<>();
    private final Set<String> countedRuns = ConcurrentHashMap.newKeySet();
    private final Set<String> gaugedOrgs = ConcurrentHashMap.newKeySet();
    private final Set<String> gaugedServices = ConcurrentHashMap.newKeySet();
    private final Instant started = Instant.now();
    private final List<AutoCloseable> binders = new java.util.ArrayList<>();

    public PipelineMeters() {
        Metrics.addRegistry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /** Everything in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts a hosted transformer's work, and binds its Kafka Streams metrics. */
    public void bindTransformer(TransformerService transformer) {
        TransformerMetrics m = transformer.metrics();
        FunctionCounter.builder("amiconnect.transformer.raw.records", m, TransformerMetrics::rawRecords)
                .description("raw records the transformer consumed").register(registry);
        FunctionCounter.builder("amiconnect.reads.normalized", m, TransformerMetrics::reads)
                .description("reads published to ami.meter-reads").register(registry);
        FunctionCounter.builder("amiconnect.meters.normalized", m, TransformerMetrics::meters)
                .description("meters published to ami.meters (new or changed)").register(registry);
        FunctionCounter.builder("amiconnect.dead.letters", m, TransformerMetrics::deadLetters)
                .description("records dead-lettered to ami.dlq").register(registry);
        KafkaStreamsMetrics streams = new KafkaStreamsMetrics(transformer.streams());
        streams.bindTo(registry);
        binders.add(streams);
    }

    /** Counts a hosted loader's rows, tagged with its sink. */
    public void bindLoader(LoaderService loader) {
        String sink = loader.sink().id();
        FunctionCounter.builder("amiconnect.rows.loaded", loader, l -> l.stats().readingsUpserted())
                .tags("sink", sink, "table", "readings").description("rows upserted into the warehouse")
                .register(registry);
        FunctionCounter.builder("amiconnect.rows.loaded", loader, l -> l.stats().metersInserted())
                .tags("sink", sink, "table", "meters").register(registry);
        FunctionCounter.builder("amiconnect.loader.batches", loader, l -> l.stats().batches())
                .tags("sink", sink).description("batches written").register(registry);
        FunctionCounter.builder("amiconnect.loader.batches.failed", loader, l -> l.stats().failedBatches())
                .tags("sink", sink).description("batches that failed and were retried").register(registry);
        FunctionCounter.builder("amiconnect.loader.raw.rows", loader,
                l -> l.stats().rawRowsUpserted().values().stream().mapToLong(Long::longValue).sum())
                .tags("sink", sink).description("raw rows upserted, all raw tables").register(registry);
    }

    /** Binds the Kafka client metrics of an Admin client this process keeps open. */
    public void bindAdmin(AdminClient admin) {
        KafkaClientMetrics m = new KafkaClientMetrics(admin);
        m.bindTo(registry);
        binders.add(m);
    }

    /**
     * Takes a new status: updates the freshness, dead-letter and lag gauges and counts the report's recent extract
     * runs that reached SUCCEEDED or FAILED since this process started (each run once).
     */
    public void update(StatusReport report) {
        Map<String, String> vendorByOrg = new java.util.HashMap<>();
        report.orgs().forEach(o -> vendorByOrg.put(o.orgId(), o.vendor()));
        status.set(report);
        for (OrgStatus org : report.orgs()) {
            if (gaugedOrgs.add(org.orgId())) {
                String id = org.orgId();
                Gauge.builder("amiconnect.freshness", status, s -> freshness(s.get(), id)).tags("org", id)
                        .baseUnit("seconds").description("age of the newest read loaded (NaN: none)").register(registry);
                Gauge.builder("amiconnect.dead.letters.24h", status, s -> deadLetters(s.get(), id)).tags("org", id)
                        .description("records of the org dead-lettered in the last 24 h").register(registry);
            }
        }
        for (String service : report.consumerLag().keySet()) {
            if (gaugedServices.add(service)) {
                Gauge.builder("amiconnect.consumer.lag", status, s -> s.get().consumerLag().getOrDefault(service, 0L))
                        .tags("service", service).description("records not yet consumed by the service's group")
                        .register(registry);
            }
        }
        for (RunLine run : report.recentRuns()) {
            boolean fin = run.state().equals("SUCCEEDED") || run.state().equals("FAILED");
            if (!fin || run.updatedAt().isBefore(started) || !countedRuns.add(run.runId())) {
                continue;
            }
            Tags tags = Tags.of("org", run.orgId(), "vendor", vendorByOrg.getOrDefault(run.orgId(), "unknown"));
            registry.counter("amiconnect.extract.runs", tags.and("state", run.state())).increment();
            Timer.builder("amiconnect.extract.duration").tags(tags).register(registry)
                    .record(Duration.between(run.createdAt(), run.updatedAt()));
            registry.counter("amiconnect.extract.records", tags).increment(run.records());
        }
    }

    private static double freshness(StatusReport s, String org) {
        return s.orgs().stream().filter(o -> o.orgId().equals(org)).findFirst().flatMap(OrgStatus::newestFlowtime)
                .map(t -> (double) Duration.between(t, s.at()).toSeconds()).orElse(Double.NaN);
    }

    private static double deadLetters(StatusReport s, String org) {
        return s.orgs().stream().filter(o -> o.orgId().equals(org)).findFirst().map(OrgStatus::deadLetters24h)
                .orElse(0L);
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception e) {
                // closing a binder only stops its refresh; nothing to report
            }
        }
        Metrics.removeRegistry(registry);
        registry.close();
    }
}
