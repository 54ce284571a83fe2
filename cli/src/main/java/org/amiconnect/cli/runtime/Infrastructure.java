package org.amiconnect.cli.runtime;

import java.util.List;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.kafka.TopicProvisioner;
import org.amiconnect.core.topics.PipelineTopics;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.embedded.registry.CompatibilityLevel;
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
        return start(config, adapters, role, null);
    }

    /**
     * Brings up what {@code role} needs.
     *
     * @param serveRegistry {@code host:port} on which this process serves the embedded registry's REST API (for
     *     clients in other processes: Confluent deserializers, the Snowflake connector, registry UIs), or null; under
     *     {@code run} it is served on 127.0.0.1 at {@code schema-registry.embedded-port} anyway
     * @throws IllegalStateException when the cluster cannot be reached (the message names its address)
     */
    public static Infrastructure start(AmiConnectConfig config, AdapterCatalog adapters, Role role,
            RegistryEndpoint serveRegistry) {
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
                new TopicProvisioner(admin, config.kafka().replicationFactor(), config.kafka().resolvedBootstrapServers())
                        .ensure(PipelineTopics.specs(config, adapters));
            }
            registry = SchemaRegistries.open(config.schemaRegistry(), clients, topics);
            if (serveRegistry != null && !config.schemaRegistry().embedded()) {
                throw new IllegalArgumentException("--serve-registry serves the embedded registry, but "
                        + "schema-registry.url is " + config.schemaRegistry().url() + ": point clients there instead");
            }
            if (config.schemaRegistry().embedded() && (host || serveRegistry != null)) {
                RegistryEndpoint at = serveRegistry != null ? serveRegistry
                        : new RegistryEndpoint("127.0.0.1", config.schemaRegistry().embeddedPort());
                server = startRegistryServer(registry, at, config.schemaRegistry().compatibility(),
                        serveRegistry != null);
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

    private static SchemaRegistryServer startRegistryServer(SchemaRegistry registry, RegistryEndpoint at,
            String compatibility, boolean required) {
        try {
            SchemaRegistryServer server = SchemaRegistryServer.start(registry, at.host(), at.port(), null, null,
                    CompatibilityLevel.of(compatibility));
            log.info("Schema registry REST endpoint at {} (compatibility {})", server.uri(), compatibility);
            return server;
        } catch (RuntimeException e) {
            if (required) {
                throw e;
            }
            // the registry itself still works (it lives in the cluster); only other processes' HTTP access is lost
            log.warn("Schema registry REST endpoint not started on {}:{}: {}", at.host(), at.port(), e.getMessage());
            return null;
        }
    }

    /**
     * Where to serve the embedded registry's REST API.
     *
     * @param host the address to listen on ({@code 0.0.0.0} for other hosts and containers; no authentication)
     * @param port the port
     */
    public record RegistryEndpoint(String host, int port) {

        /**
         * Reads {@code PORT} or {@code HOST:PORT}; a bare port listens on 127.0.0.1.
         *
         * @throws IllegalArgumentException when it is neither
         */
        public static RegistryEndpoint parse(String text) {
            String t = text.trim();
            int colon = t.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : t.substring(0, colon);
            try {
                int port = Integer.parseInt(colon < 0 ? t : t.substring(colon + 1));
                if (port < 0 || port > 65535 || host.isEmpty()) {
                    throw new NumberFormatException();
                }
                return new RegistryEndpoint(host, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not PORT or HOST:PORT (e.g. 8081 or 0.0.0.0:8081)");
            }
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
