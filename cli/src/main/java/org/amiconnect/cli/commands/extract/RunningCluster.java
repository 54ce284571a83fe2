package org.amiconnect.cli.commands.extract;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.amiconnect.cli.runtime.Infrastructure;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;

/** Connects an operator command to the pipeline's cluster, which must be running (else an error saying so). */
public final class RunningCluster {

    private RunningCluster() {
    }

    public static Infrastructure connect(AmiConnectConfig config, AdapterCatalog adapters) {
        if (config.kafka().embedded() && !listening(config.kafka().embeddedPort())) {
            throw new IllegalStateException("no Kafka broker answers on 127.0.0.1:" + config.kafka().embeddedPort()
                    + " (kafka.bootstrap-servers: embedded); start the pipeline with `amiconnect run` first");
        }
        return Infrastructure.start(config, adapters, Infrastructure.Role.SERVICE);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
