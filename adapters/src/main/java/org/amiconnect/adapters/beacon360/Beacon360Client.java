package org.amiconnect.adapters.beacon360;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.adapters.http.HttpRetry;
import org.amiconnect.adapters.http.RetryAfter;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of Beacon AMA's asynchronous Export Data Service (EDS v2): request a range report, poll its status until it
 * is done, download the CSV. Rate limits (429) are honoured with the wait the API asks for (Retry-After or
 * {@code args[2]}, see {@link RetryAfter}), also on status polls and downloads; 5xx answers and broken connections are
 * retried with exponential backoff and jitter, refused credentials fail at once.
 */
public final class Beacon360Client {

    private static final Logger log = LoggerFactory.getLogger(Beacon360Client.class);
    private static final DateTimeFormatter RANGE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String orgId;
    private final Beacon360Settings settings;
    private final URI baseUrl;
    private final HttpClient http;
    private final HttpRetry retry;
    private final String authorization;

    public Beacon360Client(String orgId, Beacon360Settings settings, URI baseUrl) {
        this.orgId = orgId;
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        this.retry = new HttpRetry(settings.maxRetries(), settings.retryBackoff(), Duration.ofMinutes(5));
        String credentials = settings.user().reveal() + ":" + settings.password().reveal();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A report the vendor has generated.
     *
     * @param file the downloaded CSV, a temporary file the caller deletes
     * @param contentType the download's Content-Type header (it may name the report's character set), or null
     */
    public record Report(String edsUuid, String reportUrl, Path file, String contentType) {
    }

    /** A wait the vendor asked for, and where it said so (for the log). */
    private record AskedWait(Duration duration, String where) {
    }

    /**
     * Requests a report of hourly reads with local Read_Time in {@code [start, end)}, waits for it and downloads it
     * to a temporary file the caller deletes.
     */
    public Report fetchRangeReport(LocalDateTime start, LocalDateTime end) throws ExtractException, InterruptedException {
        return fetchRangeReport(start, end, null);
    }

    /**
     * As {@link #fetchRangeReport(LocalDateTime, LocalDateTime)}, downloading into {@code folder} (null: the system's
     * temporary folder). A download that fails part-way deletes its file.
     */
    public Report fetchRangeReport(LocalDateTime start, LocalDateTime end, Path folder)
            throws ExtractException, InterruptedException {
        String uuid;
        String statusUrl;
        JsonNode accepted = requestRange(start, end);
        uuid = accepted.path("edsUUID").asText(null);
        statusUrl = accepted.path("statusUrl").asText(null);
        if (uuid == null || statusUrl == null) {
            throw new ExtractException(Kind.PERMANENT, where() + "report request was accepted without edsUUID/statusUrl: " + accepted);
        }
        log.info("{}requested report {} for {} .. {}", where(), uuid, start, end);
        String reportUrl = awaitReport(uuid, statusUrl);
        return download(uuid, reportUrl, folder);
    }

    private JsonNode requestRange(LocalDateTime start, LocalDateTime end) throws ExtractException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Start_Date", RANGE_FORMAT.format(start));
        params.put("End_Date", RANGE_FORMAT.format(end));
        params.put("Resolution", "hourly");
        params.put("Header_Columns", String.join(",", Beacon360Columns.ALL));
        params.put("Has_Endpoint", "True");
        URI uri = baseUrl.resolve("/v2/eds/range?" + query(params));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request, attempt, "report request");
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status == 202) {
                return parse(response.body(), "report request");
            }
            checkAuth(status);
            if (status == 429) {
                Optional<AskedWait> asked = askedWait(status, response.headers(), response.body());
                if (attempt >= retry.maxAttempts()) {
                    throw new ExtractException(Kind.TRANSIENT, where() + "rate limit exceeded " + attempt + " times; "
                            + asked.map(a -> "Beacon asked to wait " + RetryAfter.describe(a.duration()) + " (" + a.where() + ")")
                                    .orElse("Beacon named no usable wait"));
                }
                if (asked.isPresent()) {
                    log.warn("{}rate limited by Beacon; waiting {} as asked ({}) (attempt {}/{})", where(),
                            RetryAfter.describe(asked.get().duration()), asked.get().where(), attempt, retry.maxAttempts());
                    HttpRetry.sleep(asked.get().duration());
                } else {
                    backoff(attempt, "rate limited by Beacon without a usable wait");
                }
                continue;
            }
            if (HttpRetry.retryable(status) && attempt < retry.maxAttempts()) {
                backoff(attempt, "report request got HTTP " + status);
                continue;
            }
            throw new ExtractException(HttpRetry.retryable(status) ? Kind.TRANSIENT : Kind.PERMANENT,
                    where() + "failed request to generate report: HTTP " + status + " " + abbreviate(response.body()));
        }
    }

    private String awaitReport(String uuid, String statusUrl) throws ExtractException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(statusUrl))
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .GET()
                .build();
        for (int poll = 1; poll <= settings.maxPolls(); poll++) {
            HttpResponse<String> response = send(request, 1, "status poll");
            if (response != null) {
                int status = response.statusCode();
                checkAuth(status);
                if (status == 200) {
                    JsonNode body = parse(response.body(), "status poll");
                    String state = body.path("state").asText("");
                    switch (state) {
                        case "done" -> {
                            String reportUrl = body.path("reportUrl").asText(null);
                            if (reportUrl == null) {
                                throw new ExtractException(Kind.PERMANENT, where() + "report " + uuid + " is done without a reportUrl");
                            }
                            return reportUrl;
                        }
                        case "exception" -> {
                            String message = body.path("message").asText(body.toString());
                            if (Beacon360ReportTooLarge.describes(message)) {
                                throw new Beacon360ReportTooLarge(where() + "Beacon refused report " + uuid
                                        + " as over its row cap: " + abbreviate(message));
                            }
                            throw new ExtractException(Kind.PERMANENT, where() + "Beacon reported an exception "
                                    + "for report " + uuid + ": " + abbreviate(message));
                        }
                        default -> log.info("{}report {} is '{}' ({}% complete), poll {}/{}", where(), uuid, state,
                                body.path("progress").path("percentComplete").asText("?"), poll, settings.maxPolls());
                    }
                } else if (!HttpRetry.retryable(status)) {
                    throw new ExtractException(Kind.PERMANENT, where() + "status of report " + uuid + " answered HTTP "
                            + status + " " + abbreviate(response.body()));
                } else {
                    Optional<AskedWait> asked = askedWait(status, response.headers(), response.body());
                    if (asked.isPresent() && asked.get().duration().compareTo(settings.pollInterval()) > 0) {
                        log.warn("{}status poll of report {} answered HTTP {}; waiting {} as asked ({}) before the "
                                + "next poll", where(), uuid, status, RetryAfter.describe(asked.get().duration()),
                                asked.get().where());
                        HttpRetry.sleep(asked.get().duration());
                        continue;
                    }
                }
            }
            HttpRetry.sleep(settings.pollInterval());
        }
        throw new ExtractException(Kind.TRANSIENT, where() + "report " + uuid + " was not done after "
                + settings.maxPolls() + " polls " + settings.pollInterval().toSeconds() + " s apart");
    }

    private Report download(String uuid, String reportUrl, Path folder) throws ExtractException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(reportUrl))
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .GET()
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status == 200) {
                        Path file = folder == null ? Files.createTempFile("beacon360-" + uuid + "-", ".csv")
                                : Files.createTempFile(folder, "beacon360-" + uuid + "-", ".csv");
                        try {
                            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException e) {
                            Files.deleteIfExists(file);
                            throw e;
                        }
                        return new Report(uuid, reportUrl, file, response.headers().firstValue("Content-Type").orElse(null));
                    }
                    checkAuth(status);
                    String text = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
                    if (!HttpRetry.retryable(status) || attempt >= retry.maxAttempts()) {
                        throw new ExtractException(HttpRetry.retryable(status) ? Kind.TRANSIENT : Kind.PERMANENT,
                                where() + "failed request to download report " + uuid + ": HTTP " + status + " " + abbreviate(text));
                    }
                    Optional<AskedWait> asked = askedWait(status, response.headers(), text);
                    if (asked.isPresent()) {
                        log.warn("{}download of report {} got HTTP {}; waiting {} as asked ({}) (attempt {}/{})", where(),
                                uuid, status, RetryAfter.describe(asked.get().duration()), asked.get().where(), attempt,
                                retry.maxAttempts());
                        HttpRetry.sleep(asked.get().duration());
                    } else {
                        backoff(attempt, "download of report " + uuid + " got HTTP " + status);
                    }
                }
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new ExtractException(Kind.TRANSIENT, where() + "download of report " + uuid + " failed: " + e, e);
                }
                backoff(attempt, "download of report " + uuid + " failed: " + e);
            }
        }
    }

    /** Sends a request; IO failures are retried with backoff and answered with null (try again). */
    private HttpResponse<String> send(HttpRequest request, int attempt, String what) throws ExtractException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (attempt >= retry.maxAttempts()) {
                throw new ExtractException(Kind.TRANSIENT, where() + what + " to " + baseUrl + " failed: " + e, e);
            }
            backoff(attempt, what + " failed: " + e);
            return null;
        }
    }

    private void backoff(int attempt, String why) throws InterruptedException {
        Duration wait = retry.backoff(attempt);
        log.warn("{}{}; retrying in {} ms (attempt {}/{})", where(), why, wait.toMillis(), attempt, retry.maxAttempts());
        HttpRetry.sleep(wait);
    }

    private void checkAuth(int status) throws ExtractException {
        if (status == 401 || status == 403) {
            throw new ExtractException(Kind.AUTH, where() + "Beacon 360 refused the credentials in secrets.yaml "
                    + "sources." + orgId + " (HTTP " + status + ")");
        }
    }

    /**
     * The wait an answer asks for: the Retry-After header (seconds or an HTTP-date), else, for a 429, {@code args[2]} of
     * its JSON body (where the predecessor read Beacon's wait), as a number or numeric text. Empty when none is usable.
     */
    private Optional<AskedWait> askedWait(int status, HttpHeaders headers, String body) {
        Optional<String> header = headers.firstValue("Retry-After");
        if (header.isPresent()) {
            Optional<Duration> wait = RetryAfter.ofHeader(header.get(), Clock.systemUTC());
            if (wait.isPresent()) {
                return Optional.of(new AskedWait(wait.get(), "Retry-After: " + header.get().trim()));
            }
            log.warn("{}unusable Retry-After header '{}'", where(), abbreviate(header.get()));
        }
        if (status != 429) {
            return Optional.empty();
        }
        JsonNode args;
        try {
            args = body == null || body.isBlank() ? null : JSON.readTree(body).path("args");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (args == null || !args.isArray() || args.size() <= 2) {
            return Optional.empty();
        }
        JsonNode seconds = args.get(2);
        Optional<Duration> wait = RetryAfter.ofSeconds(seconds);
        if (wait.isEmpty() && !seconds.isNull()) {
            log.warn("{}unusable wait in args[2] of the answer: {}", where(), abbreviate(seconds.toString()));
        }
        return wait.map(w -> new AskedWait(w, "args[2] = " + seconds));
    }

    private JsonNode parse(String body, String what) throws ExtractException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ExtractException(Kind.PERMANENT, where() + what + " answered with invalid JSON: " + abbreviate(body));
        }
    }

    private String where() {
        return "beacon_360 source '" + orgId + "': ";
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
