package org.amiconnect.loader.checks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.core.config.SinkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification hook of failed checks: runs the sink's {@code notify-command} with the report as JSON on standard
 * input, and POSTs the same JSON to its {@code notify-url}. A hook that fails is logged; it never hides the failed
 * checks themselves.
 */
public final class CheckNotifier {

    private static final Logger log = LoggerFactory.getLogger(CheckNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command;
    private final Optional<URI> url;
    private final HttpClient http;

    public CheckNotifier(List<String> command, Optional<URI> url) {
        this.command = List.copyOf(command);
        this.url = url;
        this.http = url.isPresent() ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build() : null;
    }

    public static CheckNotifier of(SinkConfig sink) {
        return new CheckNotifier(sink.notifyCommand(), sink.notifyUrl());
    }

    public boolean configured() {
        return !command.isEmpty() || url.isPresent();
    }

    /** Sends the report to every configured hook; true when all of them took it. */
    public boolean send(CheckReport report) {
        String json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the check report", e);
        }
        boolean ok = true;
        if (!command.isEmpty()) {
            ok &= runCommand(report.sinkId(), json);
        }
        if (url.isPresent()) {
            ok &= post(report.sinkId(), url.get(), json);
        }
        return ok;
    }

    private boolean runCommand(String sinkId, String json) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a command that does not read the report (or not all of it) still counts by its exit code
                log.debug("Sink {}: notify-command {} did not take the whole report: {}", sinkId, command.get(0),
                        e.getMessage());
            }
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.error("Sink {}: notify-command {} did not finish within {} s", sinkId, command.get(0),
                        TIMEOUT.toSeconds());
                return false;
            }
            if (process.exitValue() != 0) {
                log.error("Sink {}: notify-command {} exited with {}", sinkId, command.get(0), process.exitValue());
                return false;
            }
            return true;
        } catch (IOException e) {
            log.error("Sink {}: notify-command {} could not run: {}", sinkId, command.get(0), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean post(String sinkId, URI target, String json) {
        // the address may hold a webhook token: log only where it points
        String where = target.getScheme() + "://" + target.getAuthority();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.error("Sink {}: notify-url {} answered HTTP {}", sinkId, where, response.statusCode());
                return false;
            }
            return true;
        } catch (IOException e) {
            log.error("Sink {}: notify-url {} could not be reached: {}", sinkId, where, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
