package org.amiconnect.core.topics;

import java.util.Map;

/** A topic AMI Connect creates when it is missing. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public static TopicSpec deleting(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of("cleanup.policy", "delete"));
    }

    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of("cleanup.policy", "compact"));
    }
}
