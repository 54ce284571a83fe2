package org.amiconnect.cli.runtime;

import java.util.List;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.embedded.registry.SchemaRegistries;
import org.amiconnect.embedded.registry.SchemaRegistryServer;
import org.amiconnect.schemas.registry.SchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service needs before it starts: the cluster (an embedded broker when configured and this process hosts
 * it), the schema registry (plus its REST endpoint when embedded and hosted), the topics, and the simulated vendors.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final AmiConnectConfig config;
    private final AdapterCatalog adapters;
    private final EmbeddedKafkaBroker broker;
    private final KafkaClients clients;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final SchemaRegistryServer registryServer;
    private final Simulators simulators;

    private Infrastructure(AmiConnectConfig config, AdapterCatalog adapters, EmbeddedKafkaBroker broker,
            KafkaClients clients, Topics topics, SchemaRegistry registry, SchemaRegistryServer registryServer,
            Simulators simulators) {
        this.config = config;
        this.adapters = adapters;
        this.broker = broker;
        this.clients = clients;
        this.topics = topics;
        this.registry = registry;
        this.registryServer = registryServer;
        this.simulators = simulators;
    }

    /** What a process brings up besides the clients. */
    public enum Role {
        /** {@code amiconnect run}: hosts the embedded broker and registry endpoint, and the simulated vendors. */
        ALL_IN_ONE(true, true),
        /** The extractor alone: talks to the (simulated) vendors, joins a cluster someone else runs. */
        EXTRACTOR(false, true),
        /** The transformer or loader alone. */
        SERVICE(false, false);

        final boolean hostsCluster;
        final boolean needsVendors;

        Role(boolean hostsCluster, boolean needsVendors) {
            this.hostsCluster = hostsCluster;
            this.needsVendors = needsVendors;
        }
    }

    public static Infrastructure start(AmiConnectConfig config, AdapterCatalog adapters, Role role) {
        boolean host = role.hostsCluster;
        EmbeddedKafkaBroker broker = null;
        SchemaRegistry registry = null;
        SchemaRegistryServer server = null;
        Simulators simulators = new Simulators();
        try {
            if (host && config.kafka().embedded()) {
                broker = EmbeddedKafkaBroker.start(config.kafka().embeddedDataDir(), config.kafka().embeddedPort(),
                        config.kafka().embeddedControllerPort());
            }
            KafkaClients clients = new KafkaClients(config.kafka());
            Topics topics = new Topics(config.kafka().topicPrefix());
            try (Admin admin = Admin.create(clients.admin("amiconnect-setup"))) {
                new TopicProvisioner(admin, config.kafka().replicationFactor()).ensure(PipelineTopics.specs(config, adapters));
            }
            registry = SchemaRegistries.open(config.schemaRegistry(), clients, topics);
            if (host && config.schemaRegistry().embedded()) {
                server = startRegistryServer(registry, config.schemaRegistry().embeddedPort());
            }
            AmiConnectConfig effective = role.needsVendors ? config.withSources(simulators.start(config.sources())) : config;
            return new Infrastructure(effective, adapters, broker, clients, topics, registry, server, simulators);
        } catch (RuntimeException e) {
            simulators.close();
            closeQuietly(server);
            closeQuietly(registry);
            closeQuietly(broker);
            throw e;
        }
    }

    private static SchemaRegistryServer startRegistryServer(SchemaRegistry registry, int port) {
        try {
            SchemaRegistryServer server = SchemaRegistryServer.start(registry, "127.0.0.1", port);
            log.info("Schema registry REST endpoint at {}", server.uri());
            return server;
        } catch (RuntimeException e) {
            // the registry itself still works (it lives in the cluster); only other processes' HTTP access is lost
            log.warn("Schema registry REST endpoint not started on 127.0.0.1:{}: {}", port, e.getMessage());
            return null;
        }
    }

    /** The configuration with simulated sources pointed at their simulators. */
    public AmiConnectConfig config() {
        return config;
    }

    public AdapterCatalog adapters() {
        return adapters;
    }

    public KafkaClients clients() {
        return clients;
    }

    public Topics topics() {
        return topics;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    /** One line per simulated source left out because its simulator could not start. */
    public List<String> skippedSources() {
        return simulators.skipped();
    }

    public List<org.amiconnect.core.adapter.RawEntity> rawEntities() {
        return PipelineTopics.rawEntities(config, adapters);
    }

    @Override
    public void close() {
        simulators.close();
        closeQuietly(registryServer);
        closeQuietly(registry);
        closeQuietly(broker);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
