package org.amiconnect.cli.commands.archive;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.broker.EmbeddedKafkaBroker;
import org.amiconnect.embedded.registry.SchemaRegistries;
import org.amiconnect.schemas.registry.SchemaRegistry;

/**
 * The cluster an operator command works on. With {@code kafka.bootstrap-servers: embedded} and no {@code amiconnect
 * run} holding the broker's port, the command starts the embedded broker on its data folder itself, so that offsets
 * can be reset and archives replayed while the pipeline is stopped.
 */
final class ClusterSession implements AutoCloseable {

    private final AmiConnectConfig config;
    private final EmbeddedKafkaBroker broker;
    private final KafkaClients clients;
    private final Topics topics;
    private SchemaRegistry registry;

    private ClusterSession(AmiConnectConfig config, EmbeddedKafkaBroker broker) {
        this.config = config;
        this.broker = broker;
        this.clients = new KafkaClients(config.kafka());
        this.topics = new Topics(config.kafka().topicPrefix());
    }

    static ClusterSession open(AmiConnectConfig config, PrintWriter err) {
        EmbeddedKafkaBroker broker = null;
        if (config.kafka().embedded() && portFree(config.kafka().embeddedPort())) {
            err.println("No broker is running on 127.0.0.1:" + config.kafka().embeddedPort() + "; starting the embedded "
                    + "broker on " + config.kafka().embeddedDataDir() + " for this command");
            err.flush();
            broker = EmbeddedKafkaBroker.start(config.kafka().embeddedDataDir(), config.kafka().embeddedPort(),
                    config.kafka().embeddedControllerPort());
        }
        return new ClusterSession(config, broker);
    }

    KafkaClients clients() {
        return clients;
    }

    Topics topics() {
        return topics;
    }

    /** The configured schema registry, opened on first use. */
    SchemaRegistry registry() {
        if (registry == null) {
            registry = SchemaRegistries.open(config.schemaRegistry(), clients, topics);
        }
        return registry;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
