package org.amiconnect.schemas.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The HTTP registry client on its own; its conversation with a server is tested with the embedded REST server. */
class HttpSchemaRegistryTest {

    @Test
    void givesUpOnAnUnreachableRegistryNamingUrlAndAttempts() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpSchemaRegistry client = new HttpSchemaRegistry("http://127.0.0.1:" + port, "bob", "hunter2",
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1);

        assertThatThrownBy(() -> client.schemaById(5))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageContaining("GET /schemas/ids/5")
                .hasMessageContaining("after 2 attempts")
                .hasMessageNotContaining("hunter2");
    }
}
