package org.amiconnect.cli.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.amiconnect.cli.metrics.PipelineMeters;
import org.amiconnect.cli.notify.Redactor;
import org.amiconnect.cli.status.StatusReport;
import org.amiconnect.core.health.ServiceHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints of a process, on the JDK's own HTTP server (no framework):
 * <ul>
 * <li>{@code /} the status page (HTML), {@code /status.json} the same facts as {@code status --json};
 * <li>{@code /metrics} Prometheus text format;
 * <li>{@code /health} liveness: 200 while every hosted service runs, 503 once one has stopped for good;
 * <li>{@code /ready} readiness: 200 when the broker and the warehouses this process writes answer, else 503.
 * </ul>
 * Every page and JSON answer passes through the {@link Redactor}, so no configured secret is ever served.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port).
     *
     * @param processName shown on the page, e.g. {@code amiconnect run}
     * @throws IOException when the port cannot be bound
     */
    public static OpsServer start(String host, int port, String processName, Supplier<StatusReport> status,
            PipelineMeters meters, ServiceHealth health, Readiness readiness, Redactor redactor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                send(ex, 404, "text/plain", "not found: try /, /status.json, /metrics, /health or /ready\n");
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", redactor.apply(StatusPage.render(status.get(), processName)));
        });
        server.createContext("/status.json", ex -> send(ex, 200, "application/json",
                redactor.apply(JSON.writeValueAsString(status.get().toMap()))));
        server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                meters.scrape()));
        server.createContext("/health", ex -> {
            Map<String, Optional<String>> services = new LinkedHashMap<>();
            health.check().forEach(st -> services.put(st.service(), Optional.ofNullable(st.reason())));
            boolean up = services.values().stream().allMatch(Optional::isEmpty);
            sendJson(ex, up, "services", services, redactor);
        });
        server.createContext("/ready", ex -> {
            Map<String, Optional<String>> checks = readiness.check();
            boolean up = checks.values().stream().allMatch(Optional::isEmpty);
            sendJson(ex, up, "checks", checks, redactor);
        });
        server.start();
        OpsServer ops = new OpsServer(server, executor);
        log.info("Status page, /metrics, /health and /ready at {}", ops.uri());
        return ops;
    }

    /** The address served, e.g. {@code http://0.0.0.0:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void sendJson(HttpExchange ex, boolean up, String what, Map<String, Optional<String>> parts,
            Redactor redactor) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        Map<String, String> p = new LinkedHashMap<>();
        parts.forEach((name, problem) -> p.put(name, problem.orElse("UP")));
        body.put(what, p);
        send(ex, up ? 200 : 503, "application/json", redactor.apply(JSON.writeValueAsString(body)));
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(code, -1);
                return;
            }
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            log.warn("{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
