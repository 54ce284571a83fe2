package org.amiconnect.extractor;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.extractor.runs.RunGuard;

/**
 * An extractor in a process of its own, for a test that kills it mid-run. Arguments: bootstrap servers, topic prefix,
 * Beacon base URL, org, range start, range end, run id. The range is extracted with {@link PausingBeaconAdapter}, so
 * the process stops (and waits to be killed) with its transaction open.
 */
public final class ExtractInChildProcess {

    private ExtractInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String prefix = args[1];
        URI beacon = URI.create(args[2]);
        String org = args[3];
        Instant start = Instant.parse(args[4]);
        Instant end = Instant.parse(args[5]);
        String runId = args[6];
        KafkaClients clients = ExtractorTestKit.clients(bootstrap, prefix);
        Topics topics = new Topics(prefix);
        Beacon360Settings settings = new Beacon360Settings(beacon, Secret.of(ExtractorTestKit.USER),
                Secret.of(ExtractorTestKit.PASSWORD), Duration.ofMillis(20), 500, 2, Duration.ofMillis(20),
                Duration.ofSeconds(30));
        SourceConfig source = new SourceConfig(PausingBeaconAdapter.TYPE, org, ZoneId.of("America/Los_Angeles"),
                List.of(), settings, List.of(), Optional.empty(), Optional.of(beacon));
        try (KafkaSchemaRegistry registry = new KafkaSchemaRegistry(clients.common("child-registry"), topics.schemas(), 1);
                ExtractorService service = new ExtractorService(clients, topics, registry, AdapterCatalog.load(),
                        Clock.systemUTC(), ExtractorOptions.defaults().withInstanceId("child"))) {
            service.execute(new ExtractTask(runId, new ExtractPlan(source, "manual", start, end, Optional.empty()),
                    Optional.empty()), new RunGuard());
        }
    }
}
