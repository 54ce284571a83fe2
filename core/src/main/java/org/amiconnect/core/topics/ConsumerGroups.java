package org.amiconnect.core.topics;

/**
 * Consumer group ids of the services. They are shared knowledge: progress displays, offset resets and the loader's
 * load-finished events look at other services' groups.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** The transformer's Kafka Streams application id, which is also its consumer group. */
    public static String transformer(Topics topics) {
        return topics.prefix() + "amiconnect-transformer";
    }
}
