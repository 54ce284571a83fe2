package org.amiconnect.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code notifications:} of config.yaml and secrets.yaml into {@link NotificationSettings}, reporting every
 * error with its file and key path. The predecessor's {@code notifications.dag_failure.sns_arn} (python-ami-connect
 * §3.1) is accepted as {@code notifications.sns.topic-arn}.
 */
final class NotificationSettingsReader {

    private NotificationSettingsReader() {
    }

    static NotificationSettings read(ConfigNode n, ConfigNode secrets) {
        NotificationSettings d = NotificationSettings.none();
        ConfigNode webhook = n.child("webhook");
        ConfigNode webhookSecrets = secrets.child("webhook");
        Optional<Secret> url = webhookSecrets.optionalSecret("url");
        url.ifPresent(u -> checkHttpUrl(webhookSecrets, "url", u));
        Optional<String> plainUrl = webhook.optionalString("url");
        if (url.isEmpty() && plainUrl.isPresent()) {
            url = Optional.of(Secret.of(plainUrl.get()));
            checkHttpUrl(webhook, "url", url.get());
        }
        Optional<Secret> token = webhookSecrets.optionalSecret("token");
        webhook.rejectUnknownKeys();
        webhookSecrets.rejectUnknownKeys();

        ConfigNode sns = n.child("sns");
        Optional<String> arn = sns.optionalString("topic-arn");
        ConfigNode legacy = n.child("dag_failure");
        Optional<String> legacyArn = legacy.optionalString("sns_arn");
        legacy.rejectUnknownKeys();
        if (arn.isEmpty()) {
            arn = legacyArn;
        }
        arn.filter(a -> !a.startsWith("arn:")).ifPresent(a -> sns.error("topic-arn", "'" + a
                + "' is not an SNS topic ARN; expected arn:aws:sns:<region>:<account>:<topic>"));
        Optional<String> region = sns.optionalString("region");
        Optional<URI> endpoint = sns.optionalString("endpoint").flatMap(e -> uri(sns, "endpoint", e));
        sns.rejectUnknownKeys();
        ConfigNode snsSecrets = secrets.child("sns");
        Optional<Secret> keyId = snsSecrets.optionalSecret("access-key-id");
        Optional<Secret> secretKey = snsSecrets.optionalSecret("secret-access-key");
        if (keyId.isPresent() != secretKey.isPresent()) {
            snsSecrets.error("access-key-id and secret-access-key go together; give both or neither (then the AWS "
                    + "default credentials chain is used)");
        }
        snsSecrets.rejectUnknownKeys();

        Duration staleAfter = n.duration("stale-after", d.staleAfter());
        long spike = n.longValue("dead-letter-spike", d.deadLetterSpike(), 1);
        Duration window = n.duration("spike-window", d.spikeWindow());
        Duration interval = n.duration("check-interval", d.checkInterval());
        n.rejectUnknownKeys();
        secrets.rejectUnknownKeys();
        return new NotificationSettings(url, token, arn, region, endpoint, keyId, secretKey, staleAfter, spike, window,
                interval);
    }

    /** Reports a webhook address that is not http(s) without showing it (its path may be a token). */
    private static void checkHttpUrl(ConfigNode node, String key, Secret value) {
        try {
            URI u = new URI(value.reveal());
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                node.error(key, "not an http(s):// URL");
            }
        } catch (URISyntaxException e) {
            node.error(key, "not a URL (" + e.getReason().replace(value.reveal(), Secret.MASK) + ")");
        }
    }

    private static Optional<URI> uri(ConfigNode node, String key, String value) {
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || u.getHost() == null) {
                node.error(key, "'" + value + "' is not an absolute URL");
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            node.error(key, "'" + value + "' is not a URL: " + e.getReason());
            return Optional.empty();
        }
    }
}
