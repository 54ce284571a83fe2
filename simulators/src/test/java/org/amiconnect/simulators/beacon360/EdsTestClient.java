package org.amiconnect.simulators.beacon360;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The predecessor's Beacon client, reduced to plain HTTP calls so tests can drive and inspect each step. */
final class EdsTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI baseUrl;
    private final String authorization;

    EdsTestClient(URI baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> rangeQuery(String start, String end, List<String> columns) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Start_Date", start);
        query.put("End_Date", end);
        query.put("Resolution", "hourly");
        query.put("Header_Columns", String.join(",", columns));
        query.put("Has_Endpoint", "True");
        return query;
    }

    HttpResponse<String> postRange(Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(baseUrl.resolve(ExportDataService.RANGE_PATH + "?" + encoded))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("Authorization", authorization).GET());
    }

    /** The answer's bytes as sent, for checks of character sets and byte order marks. */
    HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("Authorization", authorization).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Requests a report, polls until it is done and returns its report URL. */
    String requestAndAwait(String start, String end, List<String> columns) {
        HttpResponse<String> accepted = postRange(rangeQuery(start, end, columns));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("range request answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String statusUrl = json(accepted).get("statusUrl").asText();
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonNode status = json(get(statusUrl));
            if (status.get("state").asText().equals("done")) {
                return status.get("reportUrl").asText();
            }
        }
        throw new IllegalStateException("report at " + statusUrl + " never finished");
    }

    List<CSVRecord> fetchReport(String start, String end, List<String> columns) {
        return parse(get(requestAndAwait(start, end, columns)).body());
    }

    static List<CSVRecord> parse(String csv) {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
