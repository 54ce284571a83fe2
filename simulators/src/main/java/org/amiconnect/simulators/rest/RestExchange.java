package org.amiconnect.simulators.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** What the REST simulators (Sentryx, Subeca) do with an exchange: answer JSON, read the query, draw seeded quirks. */
public final class RestExchange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestExchange() {
    }

    /** Answers {@code status} with {@code body} as JSON. */
    public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        sendRaw(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    /** Answers {@code status} with {@code body} as it is. */
    public static void sendRaw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** The decoded query parameters (the last one wins for a repeated name). */
    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** A uniform draw in [0, 1) that is a pure function of its arguments (SplitMix64). */
    public static double draw(long seed, long a, long b, int salt) {
        long h = mix(seed + 0x9E3779B97F4A7C15L * (salt + 1L));
        h = mix(h ^ (a * 0xC2B2AE3D27D4EB4FL));
        h = mix(h ^ (b * 0x165667B19E3779F9L));
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
