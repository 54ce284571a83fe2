package org.amiconnect.simulators.beacon360;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.amiconnect.simulators.VendorSimulator;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Badger Meter's BEACON AMA "Export Data Service v2" on loopback, speaking the protocol the predecessor's client used:
 * {@code POST /v2/eds/range} (query parameters, HTTP Basic) → 202 with a status URL; {@code GET /v2/eds/status/<id>}
 * until {@code "done"}; {@code GET <reportUrl>} → the CSV report, streamed. Reads come from a {@link UtilityGenerator}.
 *
 * <pre>{@code
 * try (Beacon360Simulator beacon = Beacon360Simulator.start(Beacon360SimulatorOptions.defaults())) {
 *     URI api = beacon.baseUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class Beacon360Simulator implements VendorSimulator {

    /** The 48 report columns in the order the predecessor requested them (the exact header names). */
    public static final List<String> ALL_COLUMNS = Arrays.stream(BeaconColumn.values())
            .map(Enum::name)
            .collect(Collectors.toUnmodifiableList());

    /** {@link #ALL_COLUMNS} comma-joined, as sent in {@code Header_Columns}. */
    public static final String ALL_COLUMNS_PARAMETER = String.join(",", ALL_COLUMNS);

    private static final Logger LOG = LoggerFactory.getLogger(Beacon360Simulator.class);
    private static final int WORKER_THREADS = 4;

    private final Beacon360SimulatorOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ExportDataService service;
    private final URI baseUrl;

    private Beacon360Simulator(Beacon360SimulatorOptions options, HttpServer server, ExecutorService executor,
                               ExportDataService service) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.service = service;
        InetSocketAddress address = server.getAddress();
        this.baseUrl = URI.create("http://" + hostForUri(options.host()) + ":" + address.getPort());
    }

    public static Beacon360Simulator start(Beacon360SimulatorOptions options) {
        ExportDataService service = new ExportDataService(options);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Beacon 360 simulator could not bind " + options.host() + ":" + options.port(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", service::handle);
        server.start();
        Beacon360Simulator simulator = new Beacon360Simulator(options, server, executor, service);
        LOG.info("Beacon 360 simulator listening on {} with {} meters in {}", simulator.baseUrl(),
                options.generator().meterCount(), options.generator().zone());
        return simulator;
    }

    /** Where the API is served, e.g. {@code http://127.0.0.1:41234}; paths are appended to it. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The {@link #baseUrl()}, which a simulated source uses instead of the vendor's API URL. */
    @Override
    public URI endpoint() {
        return baseUrl;
    }

    public Beacon360SimulatorOptions options() {
        return options;
    }

    public UtilityGenerator generator() {
        return options.generator();
    }

    /** Authenticated {@code POST /v2/eds/range} requests, including those answered 429. */
    public int rangeRequests() {
        return service.rangeRequests();
    }

    /** Authenticated status polls of known reports. */
    public int statusPolls() {
        return service.statusPolls();
    }

    /** Authenticated download attempts of finished reports, including those answered with an injected 500. */
    public int downloads() {
        return service.downloads();
    }

    public int rateLimitedResponses() {
        return service.rateLimitedResponses();
    }

    /** Reports refused (state "exception") because their range held more rows than the report row cap. */
    public int oversizedReports() {
        return service.oversizedReports();
    }

    /** Makes the next {@code count} downloads answer HTTP 500 (replaces any remaining count). */
    public void failNextDownloads(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
        service.failNextDownloads(count);
    }

    /**
     * Makes download number {@code download} (counted from 1 over the simulator's life, retries included) and every
     * later one answer HTTP 500: an outage that begins part-way through a run of several reports.
     */
    public void failDownloadsFrom(int download) {
        if (download < 1) {
            throw new IllegalArgumentException("download must be >= 1 but was " + download);
        }
        service.failDownloadsFrom(download);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Beacon 360 simulator on {} stopped", baseUrl);
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "beacon360-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
