package org.amiconnect.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where operators are told that something needs attention ({@code notifications:} in config.yaml, credentials under
 * {@code notifications:} in secrets.yaml): a failed extract run, a failed data-quality check, a dead-letter spike, an
 * org whose newest loaded read is older than {@code staleAfter}.
 *
 * @param webhookUrl a generic JSON webhook (Slack-compatible {@code text} field); from config.yaml or, since a Slack
 *     hook's path is its token, from secrets.yaml {@code notifications.webhook.url}
 * @param webhookToken sent as {@code Authorization: Bearer <token>} when present (secrets.yaml)
 * @param snsTopicArn AWS SNS topic to publish to ({@code sns.topic-arn}; the predecessor's
 *     {@code dag_failure.sns_arn} is read as this)
 * @param snsRegion the topic's region; empty: the AWS default region chain
 * @param snsEndpoint an SNS-compatible endpoint overriding AWS's (tests, LocalStack)
 * @param snsAccessKeyId with {@code snsSecretAccessKey}, static AWS credentials from secrets.yaml; empty: the AWS
 *     default credentials chain
 * @param snsSecretAccessKey see {@code snsAccessKeyId}
 * @param staleAfter an org is stale when its newest loaded flowtime is older than this (default 48 h)
 * @param deadLetterSpike dead letters within {@code spikeWindow} that make a spike (default 100)
 * @param spikeWindow see {@code deadLetterSpike} (default 1 h)
 * @param checkInterval how often a running service looks for something to report (default 1 min)
 */
public record NotificationSettings(Optional<Secret> webhookUrl, Optional<Secret> webhookToken,
        Optional<String> snsTopicArn, Optional<String> snsRegion, Optional<URI> snsEndpoint,
        Optional<Secret> snsAccessKeyId, Optional<Secret> snsSecretAccessKey, Duration staleAfter,
        long deadLetterSpike, Duration spikeWindow, Duration checkInterval) {

    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(48);

    /** No channel configured, default thresholds. */
    public static NotificationSettings none() {
        return new NotificationSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_STALE_AFTER, 100, Duration.ofHours(1),
                Duration.ofMinutes(1));
    }

    /** Whether any channel is configured. */
    public boolean any() {
        return webhookUrl.isPresent() || snsTopicArn.isPresent();
    }

    /** Every secret value of this section, so a message can be checked not to carry one. */
    public List<Secret> secrets() {
        List<Secret> out = new ArrayList<>();
        webhookUrl.ifPresent(out::add);
        webhookToken.ifPresent(out::add);
        snsAccessKeyId.ifPresent(out::add);
        snsSecretAccessKey.ifPresent(out::add);
        return out;
    }

    /** This section for {@code config show}: where messages go, never a credential or a webhook's path. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        webhookUrl.ifPresent(u -> {
            URI uri = URI.create(u.reveal());
            m.put("webhook", Map.of("url", uri.getScheme() + "://" + uri.getAuthority() + "/" + Secret.MASK));
        });
        if (snsTopicArn.isPresent()) {
            Map<String, Object> sns = new LinkedHashMap<>();
            sns.put("topic-arn", snsTopicArn.get());
            snsRegion.ifPresent(r -> sns.put("region", r));
            snsEndpoint.ifPresent(e -> sns.put("endpoint", e.toString()));
            sns.put("credentials", snsAccessKeyId.isPresent() ? Secret.MASK : "AWS default chain");
            m.put("sns", sns);
        }
        m.put("stale-after", staleAfter.toString());
        m.put("dead-letter-spike", deadLetterSpike);
        m.put("spike-window", spikeWindow.toString());
        m.put("check-interval", checkInterval.toString());
        return m;
    }
}
