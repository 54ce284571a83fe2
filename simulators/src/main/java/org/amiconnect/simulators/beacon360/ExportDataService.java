package org.amiconnect.simulators.beacon360;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three endpoints of Beacon's Export Data Service v2: request a range report, poll its status, download it. */
final class ExportDataService {

    static final String RANGE_PATH = "/v2/eds/range";
    static final String STATUS_PREFIX = "/v2/eds/status/";
    static final String CONTENT_PREFIX = "/v1/content/";

    private static final Logger LOG = LoggerFactory.getLogger(ExportDataService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Python's {@code str(datetime)}: seconds, with microseconds when they are not zero. */
    private static final DateTimeFormatter REQUEST_DATE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int FIRST_EXPORT_NUMBER = 90_000;

    private final Beacon360SimulatorOptions options;
    private final String expectedAuthorization;
    private final ReportCsvWriter csvWriter;
    private final Map<String, EdsReport> reportsByUuid = new ConcurrentHashMap<>();
    private final Map<String, EdsReport> reportsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger exportNumbers = new AtomicInteger(FIRST_EXPORT_NUMBER);
    private final AtomicInteger rangeRequests = new AtomicInteger();
    private final AtomicInteger statusPolls = new AtomicInteger();
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger rateLimitedResponses = new AtomicInteger();
    private final AtomicInteger oversizedReports = new AtomicInteger();
    private final AtomicInteger failNextDownloads;
    /** Downloads from this one (counted from 1) on answer HTTP 500. */
    private volatile int failDownloadsFrom = Integer.MAX_VALUE;

    ExportDataService(Beacon360SimulatorOptions options) {
        this.options = options;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.username() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
        this.csvWriter = new ReportCsvWriter(options);
        this.failNextDownloads = new AtomicInteger(options.failNextDownloads());
    }

    int rangeRequests() {
        return rangeRequests.get();
    }

    int statusPolls() {
        return statusPolls.get();
    }

    int downloads() {
        return downloads.get();
    }

    int rateLimitedResponses() {
        return rateLimitedResponses.get();
    }

    int oversizedReports() {
        return oversizedReports.get();
    }

    void failNextDownloads(int count) {
        failNextDownloads.set(count);
    }

    void failDownloadsFrom(int download) {
        failDownloadsFrom = download;
    }

    /** Runs one endpoint; always answers and closes the exchange, so a client never hangs on a simulator bug. */
    void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            LOG.debug("{} {}", exchange.getRequestMethod(), exchange.getRequestURI());
            if (path.equals(RANGE_PATH)) {
                ifAllowed(exchange, "POST", this::requestReport);
            } else if (path.startsWith(STATUS_PREFIX)) {
                ifAllowed(exchange, "GET", this::reportStatus);
            } else if (path.startsWith(CONTENT_PREFIX)) {
                ifAllowed(exchange, "GET", this::downloadReport);
            } else {
                sendJson(exchange, 404, message("No such resource: " + path));
            }
        } catch (IOException e) {
            LOG.warn("Beacon 360 simulator could not answer {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Beacon 360 simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                sendJson(exchange, 500, message("Internal Server Error"));
            } catch (IOException | RuntimeException ignored) {
                // headers were already sent; closing the exchange is all that is left
            }
        }
    }

    private interface Endpoint {
        void answer(HttpExchange exchange) throws IOException;
    }

    private void ifAllowed(HttpExchange exchange, String method, Endpoint endpoint) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", method);
            sendJson(exchange, 405, message("Method " + exchange.getRequestMethod() + " not allowed"));
            return;
        }
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Beacon AMA\"");
            sendJson(exchange, 401, message("Unauthorized: valid HTTP Basic credentials are required"));
            return;
        }
        endpoint.answer(exchange);
    }

    private void requestReport(HttpExchange exchange) throws IOException {
        int requestNumber = rangeRequests.incrementAndGet();
        int everyNth = options.rateLimitEveryNthRequest();
        if (everyNth > 0 && requestNumber % everyNth == 0) {
            rateLimitedResponses.incrementAndGet();
            int seconds = options.retryAfterSeconds();
            Map<String, Object> body = new LinkedHashMap<>();
            if (options.quirks().retryWaitAsText()) {
                body.put("args", Arrays.asList(null, null, String.valueOf(seconds)));
            } else {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(seconds));
                body.put("args", Arrays.asList(null, null, seconds));
            }
            body.put("message", "Too many requests: export rate limit exceeded, retry in " + seconds + " seconds");
            sendJson(exchange, 429, body);
            return;
        }
        Map<String, String> query;
        try {
            query = queryParameters(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            sendJson(exchange, 400, message("Malformed query string: " + e.getMessage()));
            return;
        }
        List<String> problems = new ArrayList<>();
        LocalDateTime start = requiredDate(query, "Start_Date", problems);
        LocalDateTime end = requiredDate(query, "End_Date", problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add("End_Date " + query.get("End_Date") + " is before Start_Date " + query.get("Start_Date"));
        }
        String resolution = query.get("Resolution");
        if (resolution == null || !resolution.equalsIgnoreCase("hourly")) {
            problems.add("Resolution must be 'hourly' but was " + describe(resolution));
        }
        String hasEndpoint = query.get("Has_Endpoint");
        if (hasEndpoint != null && !hasEndpoint.equalsIgnoreCase("true") && !hasEndpoint.equalsIgnoreCase("false")) {
            problems.add("Has_Endpoint must be True or False but was '" + hasEndpoint + "'");
        }
        List<BeaconColumn> columns = requestedColumns(query.get("Header_Columns"), problems);
        if (!problems.isEmpty()) {
            sendJson(exchange, 400, message(String.join("; ", problems)));
            return;
        }

        String uuid = UUID.randomUUID().toString();
        String reportPath = CONTENT_PREFIX + uuid + "/users/" + options.username() + "/export"
                + exportNumbers.getAndIncrement();
        List<BeaconColumn> kept = columns.stream()
                .filter(c -> !options.quirks().omittedColumns().contains(c.name())).toList();
        List<BeaconColumn> written = options.shuffleColumns() ? shuffled(kept, uuid) : kept;
        EdsReport report = new EdsReport(uuid, start, end, written, options.clock().instant(), reportPath);
        reportsByUuid.put(uuid, report);
        reportsByPath.put(reportPath, report);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edsUUID", uuid);
        body.put("statusUrl", STATUS_PREFIX + uuid);
        sendJson(exchange, 202, body);
    }

    private void reportStatus(HttpExchange exchange) throws IOException {
        String uuid = exchange.getRequestURI().getPath().substring(STATUS_PREFIX.length());
        EdsReport report = reportsByUuid.get(uuid);
        if (report == null) {
            sendJson(exchange, 404, message("No export with id " + uuid));
            return;
        }
        statusPolls.incrementAndGet();
        int poll = report.poll();
        int pollsBeforeDone = options.pollsBeforeDone();
        Map<String, Object> body = new LinkedHashMap<>();
        if (poll <= pollsBeforeDone) {
            body.put("state", "run");
            body.put("progress", Map.of("percentComplete", poll * 100 / (pollsBeforeDone + 1)));
            body.put("queueTime", report.requestedAt().toString());
            body.put("message", "Generating report");
        } else if (options.failReportWith() != null) {
            body.put("state", "exception");
            body.put("message", options.failReportWith());
        } else if (rowsOf(report) > options.reportRowCap()) {
            oversizedReports.incrementAndGet();
            body.put("state", "exception");
            body.put("message", "Export of " + rowsOf(report) + " rows exceeds the maximum of "
                    + options.reportRowCap() + " rows per export; request a shorter date range");
        } else {
            report.markFinished();
            List<SimulatedMeter> meters = options.generator().meters();
            body.put("state", "done");
            body.put("reportUrl", report.reportPath());
            body.put("endTime", options.clock().instant().toString());
            body.put("lastMeterId", meters.isEmpty() ? null : meters.get(meters.size() - 1).endpointSn());
        }
        sendJson(exchange, 200, body);
    }

    /** The rows a report of the range holds: one per meter and hour, as Beacon counts them against its cap. */
    private long rowsOf(EdsReport report) {
        long hours = (java.time.Duration.between(report.startInclusive(), report.endExclusive()).toMinutes() + 59) / 60;
        return hours * options.generator().meterCount();
    }

    private void downloadReport(HttpExchange exchange) throws IOException {
        EdsReport report = reportsByPath.get(exchange.getRequestURI().getPath());
        if (report == null || !report.finished()) {
            sendJson(exchange, 404, message("No finished export at " + exchange.getRequestURI().getPath()));
            return;
        }
        int download = downloads.incrementAndGet();
        if (download >= failDownloadsFrom || failNextDownloads.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            sendJson(exchange, 500, message("Internal Server Error while reading export " + report.uuid()));
            return;
        }
        long began = System.nanoTime();
        exchange.getResponseHeaders().set("Content-Type", options.quirks().contentType());
        exchange.sendResponseHeaders(200, 0); // length unknown: chunked, streamed as rows are generated
        long rows;
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            rows = csvWriter.write(report, out);
        }
        LOG.info("Beacon 360 export {} for [{}, {}): {} rows, {} meters, {} ms", report.uuid(),
                report.startInclusive(), report.endExclusive(), rows, options.generator().meterCount(),
                (System.nanoTime() - began) / 1_000_000);
    }

    private static LocalDateTime requiredDate(Map<String, String> query, String name, List<String> problems) {
        String text = query.get(name);
        if (text == null || text.isBlank()) {
            problems.add(name + " is required (format yyyy-MM-dd HH:mm:ss)");
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), REQUEST_DATE);
        } catch (DateTimeParseException e) {
            problems.add(name + " '" + text + "' is not a date in the format yyyy-MM-dd HH:mm:ss");
            return null;
        }
    }

    private static List<BeaconColumn> requestedColumns(String headerColumns, List<String> problems) {
        if (headerColumns == null || headerColumns.isBlank()) {
            problems.add("Header_Columns is required (comma-separated column names)");
            return List.of();
        }
        List<BeaconColumn> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : headerColumns.split(",")) {
            BeaconColumn column = BeaconColumn.byName(name.trim());
            if (column == null) {
                unknown.add("'" + name.trim() + "'");
            } else {
                columns.add(column);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("Header_Columns has unknown column names: " + String.join(", ", unknown));
        }
        return columns;
    }

    /** A deterministic reordering per report that always differs from the requested order (when it can). */
    private static List<BeaconColumn> shuffled(List<BeaconColumn> columns, String uuid) {
        List<BeaconColumn> shuffled = new ArrayList<>(columns);
        Collections.shuffle(shuffled, new Random(uuid.hashCode()));
        if (shuffled.equals(columns) && shuffled.size() > 1) {
            Collections.swap(shuffled, 0, 1);
        }
        return shuffled;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String describe(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }

    private static Map<String, Object> message(String text) {
        return Map.of("message", text);
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
