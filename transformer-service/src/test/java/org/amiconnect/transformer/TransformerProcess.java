package org.amiconnect.transformer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.embedded.registry.KafkaSchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;

/**
 * A transformer in a process of its own, so a test can kill it as SIGKILL would (no shutdown hooks, no clean close,
 * an open transaction left behind). Prints {@code reads=<n>} every 100 ms. Argument: the config file.
 */
public final class TransformerProcess {

    private TransformerProcess() {
    }

    public static void main(String[] args) throws Exception {
        AmiConnectConfig config = new ConfigLoader(AdapterCatalog.load(), Map.of()).load(Path.of(args[0]),
                Optional.empty());
        KafkaClients clients = new KafkaClients(config.kafka());
        Topics topics = new Topics(config.kafka().topicPrefix());
        SchemaRegistry registry = new KafkaSchemaRegistry(clients.common("transformer-process-registry"),
                topics.schemas(), 1);
        TransformerService transformer = new TransformerService(config.sources(), AdapterCatalog.load(), clients,
                topics, registry, Path.of("unused"), config.transformer());
        transformer.start();
        while (true) {
            System.out.println("reads=" + transformer.metrics().reads());
            System.out.flush();
            Thread.sleep(100);
        }
    }
}
