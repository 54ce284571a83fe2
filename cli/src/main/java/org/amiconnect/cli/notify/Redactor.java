package org.amiconnect.cli.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SinkConfig;
import org.amiconnect.core.config.SourceConfig;

/**
 * Replaces every secret of the configuration (sources', sinks', Kafka's, the registry's and the notification
 * channels' own) with {@link Secret#MASK} in a text, so that no message leaves the process with a credential in it
 * even when an error message quotes one (a JDBC URL with its password, an HTTP error echoing a token).
 */
public final class Redactor {

    /** Shorter values are not redacted: masking every "a" or "12" would garble messages and protect nothing. */
    private static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** These values (a test's, or secrets known some other way). */
    public static Redactor ofValues(List<String> values) {
        return new Redactor(values);
    }

    /** Every secret value of {@code config}. */
    public static Redactor of(AmiConnectConfig config) {
        List<String> values = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            s.settings().secrets().values().forEach(v -> values.add(v.reveal()));
        }
        for (SinkConfig s : config.sinks()) {
            s.secrets().values().forEach(v -> values.add(v.reveal()));
        }
        config.kafka().secretProperties().values().forEach(v -> values.add(v.reveal()));
        config.schemaRegistry().password().ifPresent(p -> values.add(p.reveal()));
        config.notifications().secrets().forEach(v -> values.add(v.reveal()));
        return new Redactor(values);
    }

    /** {@code text} with every secret masked; null stays null. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, Secret.MASK);
        }
        return out;
    }
}
