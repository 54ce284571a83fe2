package org.amiconnect.core.topics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SourceConfig;

/** The topics a pipeline for a given configuration needs, with their cleanup policies (design.md, Topics). */
public final class PipelineTopics {

    private PipelineTopics() {
    }

    /** Raw entities of the vendors the configuration uses. */
    public static List<RawEntity> rawEntities(AmiConnectConfig config, AdapterCatalog adapters) {
        Set<RawEntity> entities = new LinkedHashSet<>();
        for (SourceConfig s : config.sources()) {
            entities.addAll(adapters.get(s.type()).rawEntities());
        }
        return List.copyOf(entities);
    }

    public static List<TopicSpec> specs(AmiConnectConfig config, AdapterCatalog adapters) {
        Topics topics = new Topics(config.kafka().topicPrefix());
        int p = config.kafka().partitions();
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(TopicSpec.deleting(topics.extractRequests(), p));
        specs.add(TopicSpec.compacted(topics.extractRuns(), p));
        specs.add(TopicSpec.deleting(topics.loadEvents(), p));
        for (RawEntity e : rawEntities(config, adapters)) {
            specs.add(TopicSpec.deleting(topics.raw(e), p));
        }
        specs.add(TopicSpec.compacted(topics.meters(), p));
        specs.add(TopicSpec.deleting(topics.meterReads(), p));
        specs.add(TopicSpec.deleting(topics.deadLetters(), p));
        return specs;
    }
}
