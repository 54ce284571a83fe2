package org.amiconnect.cli.notify;

import org.amiconnect.core.config.NotificationSettings;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes a notification to an AWS SNS topic (as the predecessor's DAG-failure notifier did, python-ami-connect
 * §6.4): subject and text message, which SNS e-mail subscriptions show as they are. Credentials come from
 * secrets.yaml {@code notifications.sns} or, without them, from the AWS default chain.
 */
public final class SnsChannel implements NotificationChannel {

    private final String topicArn;
    private final SnsClient sns;

    public SnsChannel(NotificationSettings settings) {
        this.topicArn = settings.snsTopicArn().orElseThrow();
        SnsClientBuilder b = SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.snsRegion().ifPresent(r -> b.region(Region.of(r)));
        if (settings.snsRegion().isEmpty()) {
            // the topic ARN names its region: arn:aws:sns:<region>:<account>:<topic>
            String[] parts = topicArn.split(":");
            if (parts.length > 3 && !parts[3].isEmpty()) {
                b.region(Region.of(parts[3]));
            }
        }
        settings.snsEndpoint().ifPresent(b::endpointOverride);
        if (settings.snsAccessKeyId().isPresent() && settings.snsSecretAccessKey().isPresent()) {
            b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.snsAccessKeyId().get().reveal(), settings.snsSecretAccessKey().get().reveal())));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.sns = b.build();
    }

    @Override
    public String name() {
        return "sns " + topicArn;
    }

    @Override
    public void send(Notification n) {
        sns.publish(PublishRequest.builder().topicArn(topicArn).subject(n.subject()).message(n.text()).build());
    }

    @Override
    public void close() {
        sns.close();
    }
}
