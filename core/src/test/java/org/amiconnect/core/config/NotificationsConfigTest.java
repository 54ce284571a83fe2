package org.amiconnect.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code notifications:} section: channels, thresholds, the predecessor's key, secrets kept out of sight. */
class NotificationsConfigTest {

    @TempDir
    Path dir;

    @Test
    void noSectionMeansNoChannelAndDefaultThresholds() {
        NotificationSettings n = new ConfigFiles(dir).load(ConfigFiles.SMALLEST_CONFIG, ConfigFiles.SMALLEST_SECRETS)
                .notifications();

        assertThat(n.any()).isFalse();
        assertThat(n.staleAfter()).isEqualTo(Duration.ofHours(48));
        assertThat(n.deadLetterSpike()).isEqualTo(100);
        assertThat(n.spikeWindow()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsWebhookAndSnsWithCredentialsFromSecretsAndMasksThemInConfigShow() {
        AmiConnectConfig config = new ConfigFiles(dir).load(ConfigFiles.SMALLEST_CONFIG + """
                notifications:
                  sns:
                    topic-arn: arn:aws:sns:us-west-2:123456789012:ami-alerts
                    endpoint: http://127.0.0.1:4566
                  stale-after: 36h
                  dead-letter-spike: 25
                  spike-window: 30m
                """, ConfigFiles.SMALLEST_SECRETS + """
                notifications:
                  webhook:
                    url: https://hooks.slack.com/services/T000/B000/secret-path
                    token: tok-123456
                  sns:
                    access-key-id: AKIAEXAMPLE
                    secret-access-key: s3cr3t-key
                """);
        NotificationSettings n = config.notifications();

        assertThat(n.webhookUrl()).get().extracting(Secret::reveal)
                .isEqualTo("https://hooks.slack.com/services/T000/B000/secret-path");
        assertThat(n.snsTopicArn()).contains("arn:aws:sns:us-west-2:123456789012:ami-alerts");
        assertThat(n.snsEndpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(n.staleAfter()).isEqualTo(Duration.ofHours(36));
        assertThat(n.deadLetterSpike()).isEqualTo(25);
        assertThat(n.spikeWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(n.secrets()).hasSize(4);
        String shown = config.describe().get("notifications").toString();
        assertThat(shown).contains("hooks.slack.com", "ami-alerts")
                .doesNotContain("secret-path", "tok-123456", "AKIAEXAMPLE", "s3cr3t-key");
    }

    @Test
    void thePredecessorsDagFailureSnsArnIsTheTopic() {
        NotificationSettings n = new ConfigFiles(dir).load(ConfigFiles.SMALLEST_CONFIG + """
                notifications:
                  dag_failure:
                    sns_arn: arn:aws:sns:us-east-1:123456789012:ami-connect-airflow-alerts
                """, ConfigFiles.SMALLEST_SECRETS).notifications();

        assertThat(n.snsTopicArn()).contains("arn:aws:sns:us-east-1:123456789012:ami-connect-airflow-alerts");
    }

    @Test
    void reportsABadWebhookAnUnknownKeyAndHalfOfTheSnsCredentials() {
        var errors = new ConfigFiles(dir).errors(ConfigFiles.SMALLEST_CONFIG + """
                notifications:
                  webhook:
                    url: ftp://example.org/hook
                  sns:
                    topic-arn: my-topic
                  stale-afterr: 2h
                """, ConfigFiles.SMALLEST_SECRETS + """
                notifications:
                  sns:
                    access-key-id: AKIAEXAMPLE
                """);

        assertThat(String.join("\n", errors)).contains("notifications.webhook.url: not an http(s):// URL",
                "notifications.sns.topic-arn: 'my-topic' is not an SNS topic ARN",
                "notifications.stale-afterr: unknown key",
                "access-key-id and secret-access-key go together").doesNotContain("AKIAEXAMPLE");
    }
}
