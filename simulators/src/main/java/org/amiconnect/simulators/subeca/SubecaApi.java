package org.amiconnect.simulators.subeca;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.rest.InjectedFaults;
import org.amiconnect.simulators.rest.RestExchange;

/**
 * The three Subeca endpoints the predecessor used, written from its documentation of the vendor's API (never from the
 * adapter's client), authenticated by {@code x-subeca-api-key}: {@code GET /v1/accounts?pageSize[&nextToken]} (an
 * opaque token while more pages follow), {@code GET /v1/accounts/{id}?readUnit=cf} (the account document with its
 * device and the device's latest reading) and {@code POST /v1/accounts/{id}/usages} (hourly usage over whole days of
 * the reference period, both ends included, keyed by the hour's UTC timestamp).
 */
final class SubecaApi {

    static final double CF_PER_GALLON = 0.133680546;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00:00+00:00")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss+00:00")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SALT_LATE = 41;
    private static final int SALT_LATENESS = 42;
    private static final int SALT_EMPTY = 43;
    private static final int SALT_NO_DEVICE = 44;
    private static final int SALT_GALLONS = 45;

    private final SubecaSimulatorOptions options;
    private final UtilityGenerator generator;
    private final List<String> accountIds = new ArrayList<>();
    private final Map<String, Integer> indexById = new HashMap<>();
    private final InjectedFaults faults;
    private final AtomicInteger accountPages = new AtomicInteger();
    private final AtomicInteger usageRequests = new AtomicInteger();

    SubecaApi(SubecaSimulatorOptions options, InjectedFaults faults) {
        this.options = options;
        this.generator = options.generator();
        this.faults = faults;
        for (SimulatedMeter m : generator.meters()) {
            add(m.accountId().replace('-', '.') + ".W");
        }
        for (int v = 0; v < options.vacantAccounts(); v++) {
            add("V." + (1000 + v) + ".W");
        }
    }

    private void add(String id) {
        indexById.put(id, accountIds.size());
        accountIds.add(id);
    }

    int accountPages() {
        return accountPages.get();
    }

    int usageRequests() {
        return usageRequests.get();
    }

    /** The device id of a meter, in Subeca's hexadecimal style. */
    static String deviceId(SimulatedMeter m) {
        return String.format("5C2D0851%08X", Long.parseLong(m.endpointSn()));
    }

    void handle(HttpExchange exchange) throws IOException {
        try {
            if (!options.apiKey().equals(exchange.getRequestHeaders().getFirst("x-subeca-api-key"))) {
                RestExchange.sendJson(exchange, 401, Map.of("message", "Unauthorized"));
                return;
            }
            if (faults.answer(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/v1/accounts") && method.equals("GET")) {
                accounts(exchange);
                return;
            }
            if (path.startsWith("/v1/accounts/")) {
                String rest = path.substring("/v1/accounts/".length());
                boolean usages = rest.endsWith("/usages");
                String id = URLDecoder.decode(usages ? rest.substring(0, rest.length() - "/usages".length()) : rest,
                        StandardCharsets.UTF_8);
                Integer index = indexById.get(id);
                if (index == null || id.contains("/")) {
                    RestExchange.sendJson(exchange, 404, Map.of("message", "Account not found: " + id));
                } else if (usages && method.equals("POST")) {
                    usages(exchange, index);
                } else if (!usages && method.equals("GET")) {
                    RestExchange.sendJson(exchange, 200, document(index));
                } else {
                    RestExchange.sendJson(exchange, 405, Map.of("message", method + " not allowed on " + path));
                }
                return;
            }
            RestExchange.sendJson(exchange, 404, Map.of("message", "No resource at " + path));
        } catch (RuntimeException e) {
            RestExchange.sendJson(exchange, 500, Map.of("message", "simulator error: " + e));
        }
    }

    private void accounts(HttpExchange exchange) throws IOException {
        Map<String, String> query = RestExchange.query(exchange);
        int size;
        int offset;
        try {
            size = Math.min(Integer.parseInt(query.getOrDefault("pageSize", "100")), options.pageSize());
            String token = query.get("nextToken");
            offset = token == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(token),
                    StandardCharsets.UTF_8).substring("offset:".length()));
        } catch (RuntimeException e) {
            RestExchange.sendJson(exchange, 400, Map.of("message", "invalid pageSize or nextToken"));
            return;
        }
        if (size < 1 || offset < 0) {
            RestExchange.sendJson(exchange, 400, Map.of("message", "pageSize must be at least 1"));
            return;
        }
        accountPages.incrementAndGet();
        List<Object> data = new ArrayList<>();
        int end = Math.min(accountIds.size(), offset + size);
        for (int i = offset; i < end; i++) {
            data.add(Map.of("accountId", accountIds.get(i)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("nextToken", end < accountIds.size()
                ? Base64.getUrlEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)) : null);
        RestExchange.sendJson(exchange, 200, body);
    }

    private Map<String, Object> document(int index) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("accountId", accountIds.get(index));
        a.put("accountStatus", "active");
        if (index >= generator.meterCount()) {
            a.put("meterSerial", "");
            a.put("billingRoute", "");
            a.put("registerSerial", "");
            a.put("meterInfo", Map.of());
            a.put("device", null);
            a.put("createdAt", "2025-05-30T02:37:52+00:00");
            return a;
        }
        SimulatedMeter m = generator.meter(index);
        String deviceId = deviceId(m);
        a.put("meterSerial", index % 4 == 0 ? "" : m.meterSn());
        a.put("billingRoute", "");
        a.put("registerSerial", deviceId);
        a.put("meterInfo", Map.of("meterSize", m.meterSizeDesc().replace("\"", "")));
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("activeProtocol", "LoRaWAN");
        Instant installed = m.endpointInstallDate().toInstant(ZoneOffset.UTC);
        device.put("installationDate", SECOND.format(installed));
        Instant now = options.clock().instant();
        SimulatedRead latest = generator.read(m, now.minus(Duration.ofHours(1)));
        device.put("latestCommunicationDate", SECOND.format(latest.instant()));
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("value", new BigDecimal(latest.registerCf()).setScale(1, RoundingMode.HALF_EVEN).toPlainString());
        reading.put("unit", "cf");
        reading.put("date", HOUR.format(latest.instant()));
        device.put("latestReading", reading);
        device.put("deviceId", deviceId);
        a.put("device", device);
        a.put("createdAt", SECOND.format(installed.minus(Duration.ofDays(3))));
        return a;
    }

    private void usages(HttpExchange exchange, int index) throws IOException {
        LocalDate start;
        LocalDate end;
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            JsonNode period = body.path("referencePeriod");
            if (!"hourly".equals(body.path("granularity").asText()) || !"cf".equals(body.path("readUnit").asText())
                    || !"+00:00".equals(period.path("utcOffset").asText())) {
                RestExchange.sendJson(exchange, 400, Map.of("message", "the simulator serves readUnit cf, "
                        + "granularity hourly and utcOffset +00:00 only"));
                return;
            }
            start = LocalDate.parse(period.path("start").asText());
            end = LocalDate.parse(period.path("end").asText());
        } catch (IOException | DateTimeParseException e) {
            RestExchange.sendJson(exchange, 400, Map.of("message", "invalid usage request: " + e.getMessage()));
            return;
        }
        usageRequests.incrementAndGet();
        Map<String, Object> hourly = new LinkedHashMap<>();
        if (index < generator.meterCount() && !end.isBefore(start)) {
            SimulatedMeter m = generator.meter(index);
            boolean gallons = RestExchange.draw(generator.seed(), index, 0, SALT_GALLONS) < options.gallonAccountShare();
            Instant now = options.clock().instant();
            String deviceId = deviceId(m);
            generator.reads(m, start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).forEach(r -> {
                        long slot = r.instant().getEpochSecond() / 3600;
                        if (!arrived(r, slot, now)) {
                            return;
                        }
                        Map<String, Object> usage = new LinkedHashMap<>();
                        boolean noDevice = RestExchange.draw(generator.seed(), index, slot, SALT_NO_DEVICE)
                                < options.noDeviceShare();
                        usage.put("deviceId", noDevice ? "" : deviceId);
                        usage.put("unit", gallons ? "gal" : "cf");
                        boolean empty = RestExchange.draw(generator.seed(), index, slot, SALT_EMPTY)
                                < options.emptyValueShare();
                        usage.put("value", empty ? "" : value(r.flowCf(), gallons));
                        hourly.put(HOUR.format(r.instant().truncatedTo(ChronoUnit.HOURS)), usage);
                    });
        }
        RestExchange.sendJson(exchange, 200, Map.of("data", Map.of("hourly", hourly)));
    }

    /** The usage as the vendor prints it: cubic feet to 2 decimals, or gallons to 1. */
    static BigDecimal value(double cubicFeet, boolean gallons) {
        return gallons ? new BigDecimal(cubicFeet / CF_PER_GALLON).setScale(1, RoundingMode.HALF_EVEN)
                : new BigDecimal(cubicFeet).setScale(2, RoundingMode.HALF_EVEN);
    }

    private boolean arrived(SimulatedRead r, long slot, Instant now) {
        if (RestExchange.draw(generator.seed(), r.meter().index(), slot, SALT_LATE) >= options.lateShare()) {
            return !r.instant().isAfter(now);
        }
        long days = 1 + (long) (RestExchange.draw(generator.seed(), r.meter().index(), slot, SALT_LATENESS) * 3);
        return !r.instant().plus(Duration.ofDays(days)).isAfter(now);
    }
}
