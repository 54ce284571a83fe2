package org.amiconnect.cli.http;

import picocli.CommandLine.Option;

/** {@code --http-port} and {@code --http-bind}: where a process serves its status page, metrics and health. */
public final class HttpOptions {

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve the status page (/), /status.json, /metrics (Prometheus), /health and /ready on this "
                    + "port (default: no HTTP server).")
    Integer port;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address the HTTP server listens on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    public boolean enabled() {
        return port != null;
    }

    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }
}
