package org.amiconnect.simulators.sentryx;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.simulators.rest.InjectedFaults;
import org.amiconnect.simulators.rest.RestExchange;

/**
 * The two Sentryx endpoints the predecessor used, written from its documentation of the vendor's API (never from the
 * adapter's client): {@code GET /v1-wm/sites/{utility}/devices?pager.skip&pager.take} and
 * {@code GET /v1-wm/sites/{utility}/devices/consumption?skip&take&StartDate&EndDate}, authenticated by the raw API key
 * in {@code Authorization}. Consumption is filtered by naive local time in [StartDate, EndDate), so the fall-back hour
 * is listed twice and the spring-forward hour not at all, as a vendor writing local wall-clock time does.
 */
final class SentryxApi {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final int SALT_LATE = 31;
    private static final int SALT_LATENESS = 32;
    private static final int SALT_DUPLICATE = 33;
    private static final int SALT_EMPTY = 34;
    private static final int SALT_PADDED_CITY = 35;

    private final SentryxSimulatorOptions options;
    private final UtilityGenerator all;
    private final int listed;
    private final ZoneId zone;
    private final String sitePrefix;
    private final boolean anySite;
    private final InjectedFaults faults;
    private final AtomicInteger devicePages = new AtomicInteger();
    private final AtomicInteger consumptionPages = new AtomicInteger();

    SentryxApi(SentryxSimulatorOptions options, InjectedFaults faults) {
        this.options = options;
        UtilityGenerator g = options.generator();
        this.all = new UtilityGenerator(g.seed(), g.meterCount() + options.unknownDevices(), g.zone());
        this.listed = g.meterCount();
        this.zone = g.zone();
        this.sitePrefix = "/v1-wm/sites/" + options.utilityName() + "/devices";
        this.anySite = SentryxSimulatorOptions.ANY_UTILITY.equals(options.utilityName());
        this.faults = faults;
    }

    int devicePages() {
        return devicePages.get();
    }

    int consumptionPages() {
        return consumptionPages.get();
    }

    void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                RestExchange.sendJson(exchange, 405, Map.of("message", "only GET is served"));
                return;
            }
            if (!options.apiKey().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                RestExchange.sendJson(exchange, 401, Map.of("message", "Authorization has been denied for this request."));
                return;
            }
            if (faults.answer(exchange)) {
                return;
            }
            String resource = anySite ? path.replaceFirst("^/v1-wm/sites/[^/]+/devices", sitePrefix) : path;
            if (resource.equals(sitePrefix)) {
                devices(exchange);
            } else if (resource.equals(sitePrefix + "/consumption")) {
                consumption(exchange);
            } else {
                RestExchange.sendJson(exchange, 404, Map.of("message", "No site or resource at " + path));
            }
        } catch (RuntimeException e) {
            RestExchange.sendJson(exchange, 500, Map.of("message", "simulator error: " + e));
        }
    }

    private void devices(HttpExchange exchange) throws IOException {
        Map<String, String> query = RestExchange.query(exchange);
        int skip = number(query, "pager.skip", 0);
        int take = number(query, "pager.take", 25);
        if (skip < 0 || take < 1 || take > 1000) {
            RestExchange.sendJson(exchange, 400, Map.of("message", "pager.skip must be >= 0 and pager.take 1..1000"));
            return;
        }
        devicePages.incrementAndGet();
        List<Object> meters = new ArrayList<>();
        for (int i = skip; i < Math.min(listed, skip + take); i++) {
            meters.add(device(all.meter(i)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meters", meters);
        body.put("currentPage", skip / take + 1);
        body.put("itemsOnPage", meters.size());
        body.put("totalCount", listed);
        RestExchange.sendJson(exchange, 200, body);
    }

    private void consumption(HttpExchange exchange) throws IOException {
        Map<String, String> query = RestExchange.query(exchange);
        int skip = number(query, "skip", 0);
        int take = number(query, "take", 25);
        LocalDateTime start;
        LocalDateTime end;
        try {
            start = LocalDateTime.parse(query.getOrDefault("StartDate", ""));
            end = LocalDateTime.parse(query.getOrDefault("EndDate", ""));
        } catch (DateTimeParseException e) {
            RestExchange.sendJson(exchange, 400, Map.of("message", "StartDate and EndDate must be ISO date-times, "
                    + "e.g. 2024-01-02T00:00:00: " + e.getMessage()));
            return;
        }
        if (skip < 0 || take < 1 || take > 1000) {
            RestExchange.sendJson(exchange, 400, Map.of("message", "skip must be >= 0 and take 1..1000"));
            return;
        }
        consumptionPages.incrementAndGet();
        List<Object> meters = new ArrayList<>();
        for (int i = skip; i < Math.min(all.meterCount(), skip + take); i++) {
            meters.add(consumptionOf(all.meter(i), start, end));
        }
        RestExchange.sendJson(exchange, 200, Map.of("meters", meters));
    }

    private Map<String, Object> device(SimulatedMeter m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("deviceId", Long.parseLong(m.endpointSn()));
        d.put("accountId", m.accountId());
        d.put("deviceStatus", "OK");
        d.put("serviceStatus", m.index() % 7 == 0 ? "NotRDM" : "RDM");
        d.put("street", m.addressLine1());
        boolean padded = RestExchange.draw(all.seed(), m.index(), 0, SALT_PADDED_CITY) < 0.1;
        d.put("city", padded ? m.city() + "   " : m.city());
        d.put("state", m.state());
        d.put("zip", m.zip());
        d.put("description", "Mueller Systems SSR Ext-" + m.meterSizeDesc() + "(" + m.registerUnit() + ")-Pit Plastic");
        d.put("manufacturer", m.index() % 5 == 0 ? null : m.manufacturer());
        d.put("installNotes", "");
        d.put("installDate", LOCAL.format(m.meterInstallDate()));
        d.put("meterSize", m.meterSizeDesc());
        d.put("units", "Unknown");
        d.put("multiplier", 1);
        d.put("lastReading", null);
        d.put("socketId", "S" + m.meterSn());
        d.put("dComId", m.endpointSn());
        return d;
    }

    private Map<String, Object> consumptionOf(SimulatedMeter m, LocalDateTime start, LocalDateTime end) {
        boolean unknownUnit = m.index() < listed && m.index() >= listed - options.unknownUnitDevices();
        List<Object> data = new ArrayList<>();
        Instant from = start.atZone(zone).toInstant().minus(Duration.ofHours(3));
        Instant to = end.atZone(zone).toInstant().plus(Duration.ofHours(3));
        Instant now = options.clock().instant();
        all.reads(m, from, to).forEach(r -> {
            LocalDateTime local = r.localTime();
            if (local.isBefore(start) || !local.isBefore(end) || !arrived(r, now)) {
                return;
            }
            long slot = r.instant().getEpochSecond() / 3600;
            Map<String, Object> point = point(r, slot);
            data.add(point);
            if (RestExchange.draw(all.seed(), m.index(), slot, SALT_DUPLICATE) < options.duplicateShare()) {
                data.add(point);
            }
        });
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("deviceId", Long.parseLong(m.endpointSn()));
        c.put("bodySerialNumber", m.meterSn());
        c.put("muellerSerialNumber", m.meterId());
        c.put("registerSerialNumber", m.meterSn() + "R");
        c.put("units", unknownUnit ? "Unknown" : m.registerUnit());
        c.put("data", data);
        return c;
    }

    private Map<String, Object> point(SimulatedRead r, long slot) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("timeStamp", LOCAL.format(r.localTime()));
        boolean empty = RestExchange.draw(all.seed(), r.meter().index(), slot, SALT_EMPTY) < options.emptyReadingShare();
        p.put("reading", empty ? "" : new BigDecimal(r.readString()));
        p.put("consumption", r.flowUnit().equals(r.readUnit()) ? new BigDecimal(r.flowString()) : null);
        return p;
    }

    /** Most reads reach the vendor at once; {@code lateShare} of them 1 to 5 days after they were taken. */
    private boolean arrived(SimulatedRead r, Instant now) {
        long slot = r.instant().getEpochSecond() / 3600;
        if (RestExchange.draw(all.seed(), r.meter().index(), slot, SALT_LATE) >= options.lateShare()) {
            return !r.instant().isAfter(now);
        }
        long days = 1 + (long) (RestExchange.draw(all.seed(), r.meter().index(), slot, SALT_LATENESS) * 5);
        return !r.instant().plus(Duration.ofDays(days)).isAfter(now);
    }

    private static int number(Map<String, String> query, String name, int fallback) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
