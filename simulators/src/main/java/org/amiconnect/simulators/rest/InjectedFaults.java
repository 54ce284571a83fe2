package org.amiconnect.simulators.rest;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;

/**
 * Faults a REST simulator answers with before it serves requests normally again, one per request, in the order they
 * were injected: an HTTP status (with a {@code Retry-After} for a 429 when asked) or a 200 whose body is broken JSON.
 * Thread-safe; tests inject them while a client runs.
 */
public final class InjectedFaults {

    /**
     * One fault.
     *
     * @param status the HTTP status to answer
     * @param retryAfter the {@code Retry-After} header value, or null for none
     * @param malformed answer 200 with a truncated JSON body instead
     * @param pathContaining the fault waits for a request whose path contains this; null for any request
     */
    public record Fault(int status, String retryAfter, boolean malformed, String pathContaining) {
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

    /** The next {@code count} requests are answered with {@code status} (e.g. 500, 503, 401). */
    public void status(int status, int count) {
        for (int i = 0; i < count; i++) {
            queue.add(new Fault(status, null, false, null));
        }
    }

    /** The next {@code count} requests are answered 429 with {@code Retry-After: <seconds>}. */
    public void rateLimit(int count, String retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            queue.add(new Fault(429, retryAfterSeconds, false, null));
        }
    }

    /** The next {@code count} requests are answered 200 with a body that breaks off in the middle of the JSON. */
    public void malformedJson(int count) {
        malformedJson(count, null);
    }

    /** The next {@code count} requests whose path contains {@code pathContaining} are answered with broken JSON. */
    public void malformedJson(int count, String pathContaining) {
        for (int i = 0; i < count; i++) {
            queue.add(new Fault(200, null, true, pathContaining));
        }
    }

    /** Faults not yet answered. */
    public int pending() {
        return queue.size();
    }

    /** Answers the exchange with the next fault, if one is queued; returns whether it did. */
    public boolean answer(HttpExchange exchange) throws IOException {
        Fault fault;
        synchronized (queue) {
            fault = queue.peek();
            if (fault == null || (fault.pathContaining() != null
                    && !exchange.getRequestURI().getPath().contains(fault.pathContaining()))) {
                return false;
            }
            queue.remove();
        }
        if (fault.malformed()) {
            RestExchange.sendRaw(exchange, 200, "application/json", "{\"meters\": [{\"deviceId\": 1, \"da");
        } else {
            if (fault.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
            }
            RestExchange.sendJson(exchange, fault.status(), Map.of("message", "injected fault: HTTP " + fault.status()));
        }
        return true;
    }
}
