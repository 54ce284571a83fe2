package org.amiconnect.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.embedded.registry.SchemaRegistries;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * An embedded single-node broker in a temporary directory, with the pipeline's topics, the schema registry and one
 * simulated Beacon 360 source ({@value #ORG}) whose data goes to one sink ({@value #SINK}). Closing it stops the
 * broker and deletes the directory.
 */
final class BenchCluster implements AutoCloseable {

    static final String ORG = "bench_utility";
    static final String SINK = "wh";

    private final Path dir;
    private final AmiConnectConfig config;
    private final AdapterCatalog adapters;
    private final EmbeddedKafkaBroker broker;
    private final KafkaClients clients;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final Admin admin;

    private BenchCluster(Path dir, AmiConnectConfig config, AdapterCatalog adapters, EmbeddedKafkaBroker broker,
            KafkaClients clients, SchemaRegistry registry, Admin admin) {
        this.dir = dir;
        this.config = config;
        this.adapters = adapters;
        this.broker = broker;
        this.clients = clients;
        this.topics = new Topics(config.kafka().topicPrefix());
        this.registry = registry;
        this.admin = admin;
    }

    /**
     * Starts the broker and provisions the topics.
     *
     * @param meters meters of the simulated source (used only where a stage starts the simulator)
     * @param sinkYaml the sink's entry in config.yaml's {@code sinks:} list, without its {@code id}, e.g.
     *     {@code type: duckdb, path: /tmp/x.duckdb}; null for a DuckDB file in the directory
     */
    static BenchCluster start(int meters, String sinkYaml) throws IOException {
        Path dir = Files.createTempDirectory("amiconnect-bench");
        String sink = sinkYaml != null ? sinkYaml : "type: duckdb, path: " + dir.resolve("warehouse.duckdb");
        Path configFile = dir.resolve("config.yaml");
        Files.writeString(configFile, """
                kafka:
                  bootstrap-servers: embedded
                  embedded: {data-dir: %s, port: %d, controller-port: %d}
                schema-registry: {url: embedded}
                archive: {type: local, path: %s}
                sources:
                  - type: beacon_360
                    org_id: %s
                    timezone: America/Los_Angeles
                    sinks: [%s]
                    simulate: {meters: %d, seed: 42}
                    poll_interval: 100ms
                    retry_backoff: 200ms
                sinks:
                  - {id: %s, %s}
                """.formatted(dir.resolve("kafka"), freePort(), freePort(), dir.resolve("archive"), ORG, SINK, meters,
                SINK, sink));
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, "sources: {" + ORG + ": {user: bench-user, password: bench-password}}\n");
        AdapterCatalog adapters = AdapterCatalog.load();
        AmiConnectConfig config = new ConfigLoader(adapters, Map.of()).load(configFile, Optional.of(secrets));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config.kafka().embeddedDataDir(),
                config.kafka().embeddedPort(), config.kafka().embeddedControllerPort());
        try {
            KafkaClients clients = new KafkaClients(config.kafka());
            Admin admin = Admin.create(clients.admin("bench-admin"));
            new TopicProvisioner(admin, config.kafka().replicationFactor()).ensure(PipelineTopics.specs(config, adapters));
            SchemaRegistry registry = SchemaRegistries.open(config.schemaRegistry(), clients,
                    new Topics(config.kafka().topicPrefix()));
            return new BenchCluster(dir, config, adapters, broker, clients, registry, admin);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    AmiConnectConfig config() {
        return config;
    }

    SourceConfig source() {
        return config.sources().get(0);
    }

    AdapterCatalog adapters() {
        return adapters;
    }

    KafkaClients clients() {
        return clients;
    }

    Topics topics() {
        return topics;
    }

    SchemaRegistry registry() {
        return registry;
    }

    String rawTopic() {
        return topics.raw(adapters.get(source().type()).rawEntities().get(0));
    }

    /** Bytes the broker stores for {@code topics} (all partitions; compressed record batches and markers). */
    long bytesOf(String... topicNames) {
        try {
            List<String> wanted = List.of(topicNames);
            long total = 0;
            var dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1);
            for (var logDir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> e : logDir.replicaInfos().entrySet()) {
                    if (wanted.contains(e.getKey().topic())) {
                        total += e.getValue().size();
                    }
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The end offset of every partition of {@code topic} (transaction markers count as offsets). */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = Stream.iterate(0, i -> i + 1).limit(partitions)
                    .collect(Collectors.toMap(i -> new TopicPartition(topic, i), i -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get();
            return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether {@code group} has committed the end offset of every partition of {@code topic}. */
    boolean groupCaughtUp(String group, String topic) {
        try {
            Map<TopicPartition, Long> ends = endOffsets(topic);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
        try {
            registry.close();
        } catch (Exception e) {
            System.err.println("Could not close the registry: " + e);
        }
        broker.close();
        try {
            PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
