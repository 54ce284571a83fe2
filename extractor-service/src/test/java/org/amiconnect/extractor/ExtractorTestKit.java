package org.amiconnect.extractor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.config.KafkaSettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.core.topics.TopicSpec;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.extractor.publish.ControlPublisher;
import org.amiconnect.extractor.runs.RunHistory;
import org.amiconnect.schemas.control.ExtractRequest;
import org.amiconnect.schemas.control.ExtractRun;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.amiconnect.simulators.beacon360.Beacon360Simulator;
import org.amiconnect.simulators.beacon360.Beacon360SimulatorOptions;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.amiconnect.testsupport.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Topics, clients, sources and readers for one integration test class, under its own topic prefix. */
public final class ExtractorTestKit {

    public static final String USER = "it-user";
    public static final String PASSWORD = "it-password";

    public final KafkaClients clients;
    public final Topics topics;
    public final SchemaRegistry registry;

    private ExtractorTestKit(String prefix, SchemaRegistry registry) {
        this.clients = SharedBroker.clients(prefix);
        this.topics = new Topics(prefix);
        this.registry = registry;
        try (Admin admin = Admin.create(clients.admin("it-setup"))) {
            new TopicProvisioner(admin, (short) 1).ensure(List.of(
                    TopicSpec.deleting(topics.extractRequests(), 3),
                    TopicSpec.compacted(topics.extractRuns(), 3),
                    TopicSpec.deleting(topics.raw(Beacon360Adapter.METER_READ), 3)));
        }
    }

    public static ExtractorTestKit create(String prefix) {
        return new ExtractorTestKit(prefix, new InMemorySchemaRegistry());
    }

    public static ExtractorTestKit create(String prefix, SchemaRegistry registry) {
        return new ExtractorTestKit(prefix, registry);
    }

    /** Clients of a broker outside this JVM's shared one (an extractor in a child process). */
    public static KafkaClients clients(String bootstrap, String prefix) {
        return new KafkaClients(new KafkaSettings(bootstrap, prefix, 3, (short) 1, java.nio.file.Path.of("."), 0, 0,
                Map.of(), Map.of()));
    }

    /** Options for tests: short backoff, a scheduler that looks at the clock every 20 ms. */
    public static ExtractorOptions fastOptions(String instanceId) {
        return ExtractorOptions.defaults()
                .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withScheduleCheckInterval(Duration.ofMillis(20))
                .withInstanceId(instanceId);
    }

    public ExtractorService service(Clock clock, ExtractorOptions options) {
        return new ExtractorService(clients, topics, registry, org.amiconnect.core.adapter.AdapterCatalog.load(), clock,
                options);
    }

    /** An extractor instance named {@code instanceId} with the {@link #fastOptions}, on the system clock. */
    public ExtractorService service(String instanceId) {
        return service(Clock.systemUTC(), fastOptions(instanceId));
    }

    /** A run history of the kit's cluster whose consumer is named {@code name}. */
    public RunHistory history(String name) {
        return new RunHistory(clients, topics, registry, name);
    }

    public static Beacon360Simulator simulator(int meters, ZoneId zone, Instant dataUntil) {
        return Beacon360Simulator.start(Beacon360SimulatorOptions.defaults().withUtility(11, meters, zone)
                .withCredentials(USER, PASSWORD).withPollsBeforeDone(1).withClock(Clock.fixed(dataUntil, zone)));
    }

    public static SourceConfig source(String org, Beacon360Simulator beacon, List<ScheduledExtract> schedules) {
        return source(org, beacon, schedules, USER, 2);
    }

    public static SourceConfig source(String org, Beacon360Simulator beacon, List<ScheduledExtract> schedules, String user,
            int clientRetries) {
        Beacon360Settings settings = new Beacon360Settings(beacon.baseUrl(), Secret.of(user), Secret.of(PASSWORD),
                Duration.ofMillis(20), 500, clientRetries, Duration.ofMillis(20), Duration.ofSeconds(30));
        return new SourceConfig(Beacon360Adapter.TYPE, org, beacon.generator().zone(), List.of(), settings, schedules,
                Optional.empty(), Optional.of(beacon.baseUrl()));
    }

    public void publish(ExtractRequest request) {
        try (ControlPublisher publisher = new ControlPublisher(clients, topics, registry, "it-requests")) {
            publisher.publish(request);
        }
    }

    /** Every state ever committed to the run topic, in log order per partition. */
    public List<ExtractRun> runStateLog() {
        AvroDeserializer<ExtractRun> values = new AvroDeserializer<>(registry, ExtractRun.class);
        List<ExtractRun> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(topics.extractRuns(), true)) {
            if (r.value() != null) {
                out.add(values.deserialize(r.topic(), r.value()));
            }
        }
        return out;
    }

    /** The latest committed state of every run. */
    public Map<String, ExtractRun> runStates() {
        Map<String, ExtractRun> states = new HashMap<>();
        runStateLog().forEach(r -> states.put(r.getRunId(), r));
        return states;
    }

    /** Raw Beacon records of one run as a consumer with the given isolation sees them. */
    public List<Beacon360MeterRead> rawRecordsOf(String runId, boolean committedOnly) {
        AvroDeserializer<Beacon360MeterRead> values = new AvroDeserializer<>(registry, Beacon360MeterRead.class);
        List<Beacon360MeterRead> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(topics.raw(Beacon360Adapter.METER_READ), committedOnly)) {
            Beacon360MeterRead raw = values.deserialize(r.topic(), r.value());
            if (raw.getExtract().getRunId().equals(runId)) {
                out.add(raw);
            }
        }
        return out;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean committedOnly) {
        TopicReader reader = new TopicReader(clients);
        return committedOnly ? reader.readAll(topic) : reader.readUncommitted(topic);
    }
}
