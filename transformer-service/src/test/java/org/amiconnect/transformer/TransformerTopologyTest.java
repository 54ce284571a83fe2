package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.amiconnect.adapters.beacon360.Beacon360Adapter;
import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.topics.Topics;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The whole topology: one sub-topology per vendor, each with its own stores and sinks. */
class TransformerTopologyTest {

    @Test
    void eachVendorIsOneSubTopologyReadingAllItsRawTopics() {
        Topics topics = new Topics("");
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        TransformerMetrics metrics = new TransformerMetrics();
        Beacon360Adapter beacon = (Beacon360Adapter) AdapterCatalog.load().get(Beacon360Adapter.TYPE);
        Topology topology = new Topology();
        TransformerTopology.addVendor(topology, beacon.vendor(), beacon.streamPlan(),
                Map.of("o", raw -> null), topics, registry, metrics);
        TransformerTopology.addVendor(topology, SyntheticJoinVendor.VENDOR, SyntheticJoinVendor.plan(Duration.ofMinutes(1),
                AfterGrace.EMIT_WITHOUT_METADATA, Duration.ofMinutes(1)),
                Map.of("o", SyntheticJoinVendor.normalizer(ZoneId.of("UTC"))), topics, registry, metrics);

        TopologyDescription description = topology.describe();
        assertThat(description.subtopologies()).hasSize(2);
        assertThat(description.subtopologies()).anySatisfy(s -> assertThat(s.nodes())
                .filteredOn(n -> n instanceof TopologyDescription.Source).hasSize(4));
    }
}
