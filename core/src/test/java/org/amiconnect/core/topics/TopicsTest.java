package org.amiconnect.core.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.TestVendorAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic names, with and without the configured prefix, and the topics a configuration needs. */
class TopicsTest {

    @ParameterizedTest(name = "prefix \"{0}\"")
    @ValueSource(strings = {"", "prod."})
    void namesEveryTopicUnderThePrefix(String prefix) {
        Topics topics = new Topics(prefix);

        assertThat(topics.prefix()).isEqualTo(prefix);
        assertThat(topics.extractRequests()).isEqualTo(prefix + "ami.control.extract-requests");
        assertThat(topics.extractRuns()).isEqualTo(prefix + "ami.control.extract-runs");
        assertThat(topics.loadEvents()).isEqualTo(prefix + "ami.control.load-events");
        assertThat(topics.raw("beacon360", "meter-read")).isEqualTo(prefix + "ami.raw.beacon360.meter-read");
        assertThat(topics.raw(TestVendorAdapter.READING)).isEqualTo(prefix + "ami.raw.testvendor.reading");
        assertThat(topics.meters()).isEqualTo(prefix + "ami.meters");
        assertThat(topics.meterReads()).isEqualTo(prefix + "ami.meter-reads");
        assertThat(topics.deadLetters()).isEqualTo(prefix + "ami.dlq");
        assertThat(topics.schemas()).isEqualTo(prefix + "ami._schemas");
    }

    @Test
    void nullPrefixMeansNoPrefix() {
        assertThat(new Topics(null).meters()).isEqualTo("ami.meters");
    }

    @Test
    void recognisesRawTopicsOnlyUnderItsOwnPrefix() {
        Topics prod = new Topics("prod.");

        assertThat(prod.isRaw("prod.ami.raw.beacon360.meter-read")).isTrue();
        assertThat(prod.isRaw("ami.raw.beacon360.meter-read")).isFalse();
        assertThat(prod.isRaw("test.ami.raw.beacon360.meter-read")).isFalse();
        assertThat(prod.isRaw("prod.ami.meter-reads")).isFalse();
        assertThat(new Topics("").isRaw("ami.raw.beacon360.meter-read")).isTrue();
    }

    @Test
    void pipelineNeedsControlModelDeadLetterAndOneRawTopicPerVendorEntity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.yaml"), """
                kafka:
                  topic-prefix: test.
                  partitions: 4
                sources:
                  - {type: test_vendor, org_id: a}
                  - {type: test_vendor, org_id: b}
                """);
        Files.writeString(dir.resolve("secrets.yaml"), "sources: {a: {api_key: k}, b: {api_key: k}}\n");
        AdapterCatalog adapters = AdapterCatalog.load();
        AmiConnectConfig config = new ConfigLoader(adapters, Map.of()).load(dir.resolve("config.yaml"), Optional.empty());

        List<TopicSpec> specs = PipelineTopics.specs(config, adapters);

        assertThat(PipelineTopics.rawEntities(config, adapters)).containsExactly(TestVendorAdapter.READING);
        assertThat(specs).containsExactly(
                new TopicSpec("test.ami.control.extract-requests", 4, Map.of("cleanup.policy", "delete")),
                new TopicSpec("test.ami.control.extract-runs", 4, Map.of("cleanup.policy", "compact")),
                new TopicSpec("test.ami.control.load-events", 4, Map.of("cleanup.policy", "delete")),
                new TopicSpec("test.ami.raw.testvendor.reading", 4, Map.of("cleanup.policy", "delete")),
                new TopicSpec("test.ami.meters", 4, Map.of("cleanup.policy", "compact")),
                new TopicSpec("test.ami.meter-reads", 4, Map.of("cleanup.policy", "delete")),
                new TopicSpec("test.ami.dlq", 4, Map.of("cleanup.policy", "delete")));
    }
}
