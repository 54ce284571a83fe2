package org.amiconnect.cli.runtime;

import org.amiconnect.core.config.RegistrySettings;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.kafka.KafkaClients;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.HttpSchemaRegistry;
import org.amiconnect.schemas.registry.KafkaSchemaRegistry;
import org.amiconnect.schemas.registry.SchemaRegistry;

/** Opens the configured schema registry: the embedded one (a compacted topic of the cluster) or an HTTP registry. */
final class RegistryRuntime {

    private RegistryRuntime() {
    }

    static SchemaRegistry open(RegistrySettings settings, KafkaClients clients, Topics topics) {
        if (settings.embedded()) {
            int rf = clients.settings().replicationFactor() > 0 ? clients.settings().replicationFactor() : 1;
            return new KafkaSchemaRegistry(clients.common("amiconnect-schema-registry"), topics.schemas(), rf);
        }
        return new HttpSchemaRegistry(settings.url(), settings.username().orElse(null),
                settings.password().map(Secret::reveal).orElse(null));
    }
}
