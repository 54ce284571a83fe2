package org.amiconnect.cli.notify;

import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications to every configured channel, each message first passed through the {@link Redactor} so it
 * carries no secret. A channel that fails is logged (its name, never its address's path) and the others still get
 * the message.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<NotificationChannel> channels;
    private final Redactor redactor;

    public Notifier(List<NotificationChannel> channels, Redactor redactor) {
        this.channels = List.copyOf(channels);
        this.redactor = redactor;
    }

    /** The channels of {@code notifications:} (none when the section is absent). */
    public static Notifier of(AmiConnectConfig config) {
        NotificationSettings s = config.notifications();
        List<NotificationChannel> channels = new ArrayList<>();
        s.webhookUrl().ifPresent(u -> channels.add(new WebhookChannel(u, s.webhookToken())));
        if (s.snsTopicArn().isPresent()) {
            channels.add(new SnsChannel(s));
        }
        return new Notifier(channels, Redactor.of(config));
    }

    public boolean configured() {
        return !channels.isEmpty();
    }

    /**
     * Sends {@code n}, redacted, to every channel.
     *
     * @return how many channels took it
     */
    public int send(Notification n) {
        Notification safe = n.redacted(redactor);
        int sent = 0;
        for (NotificationChannel c : channels) {
            try {
                c.send(safe);
                sent++;
            } catch (Exception e) {
                log.warn("Notification '{}' not delivered to {}: {}", safe.subject(), c.name(),
                        redactor.apply(e.getMessage()));
            }
        }
        if (sent > 0) {
            log.info("Notified {}: {}", sent == channels.size() ? "every channel" : sent + " channel(s)",
                    safe.subject());
        }
        return sent;
    }

    @Override
    public void close() {
        channels.forEach(NotificationChannel::close);
    }
}
