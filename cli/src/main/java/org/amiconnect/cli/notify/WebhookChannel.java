package org.amiconnect.cli.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.amiconnect.core.config.Secret;

/**
 * POSTs a notification as JSON to a webhook: {@code {"text": ..., "kind", "org_id", "run_id", "error", "hint"}}.
 * Slack (and Mattermost, Teams' incoming webhooks, Google Chat) show {@code text}; other receivers read the fields.
 * A token, if configured, goes in {@code Authorization: Bearer}.
 */
public final class WebhookChannel implements NotificationChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Optional<Secret> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public WebhookChannel(Secret url, Optional<Secret> token) {
        this.url = URI.create(url.reveal());
        this.token = token;
    }

    @Override
    public String name() {
        // the path of a Slack hook is its token: name only the host
        return "webhook " + url.getAuthority();
    }

    @Override
    public void send(Notification n) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(n.toJson())));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t.reveal()));
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(name() + " answered HTTP " + r.statusCode());
        }
    }
}
