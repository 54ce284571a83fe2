package org.amiconnect.core.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole effective configuration: config.yaml, secrets.yaml and environment overrides, validated.
 * {@code notifications} is the {@code notifications:} section ({@link NotificationSettings#none()} when absent).
 */
public record AmiConnectConfig(
        Path configFile,
        Optional<Path> secretsFile,
        KafkaSettings kafka,
        RegistrySettings schemaRegistry,
        ArchiveSettings archive,
        ExtractorSettings extractor,
        LoaderSettings loader,
        TransformerSettings transformer,
        List<SourceConfig> sources,
        List<SinkConfig> sinks,
        List<BackfillConfig> backfills,
        NotificationSettings notifications) {

    public Optional<SourceConfig> source(String orgId) {
        return sources.stream().filter(s -> s.orgId().equals(orgId)).findFirst();
    }

    public Optional<SinkConfig> sink(String id) {
        return sinks.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public AmiConnectConfig withSources(List<SourceConfig> newSources) {
        return new AmiConnectConfig(configFile, secretsFile, kafka, schemaRegistry, archive, extractor, loader,
                transformer, List.copyOf(newSources), sinks, backfills, notifications);
    }

    /** The effective configuration as a tree for {@code config show}; every secret is masked. */
    public Map<String, Object> describe() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("bootstrap-servers", kafka.bootstrapServers());
        if (kafka.embedded()) {
            k.put("embedded", Map.of("data-dir", kafka.embeddedDataDir().toString(), "port", kafka.embeddedPort(),
                    "controller-port", kafka.embeddedControllerPort()));
        }
        k.put("topic-prefix", kafka.topicPrefix());
        k.put("partitions", kafka.partitions());
        k.put("replication-factor", kafka.replicationFactor());
        k.put("compression-type", kafka.compressionType());
        if (!kafka.clientProperties().isEmpty()) {
            k.put("properties", kafka.clientProperties());
        }
        if (!kafka.secretProperties().isEmpty()) {
            Map<String, Object> masked = new LinkedHashMap<>();
            kafka.secretProperties().keySet().forEach(key -> masked.put(key, Secret.MASK));
            k.put("secret-properties", masked);
        }
        root.put("kafka", k);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", schemaRegistry.url());
        if (schemaRegistry.embedded()) {
            r.put("embedded-port", schemaRegistry.embeddedPort());
            r.put("compatibility", schemaRegistry.compatibility());
        }
        schemaRegistry.username().ifPresent(u -> r.put("username", u));
        schemaRegistry.password().ifPresent(p -> r.put("password", Secret.MASK));
        root.put("schema-registry", r);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", archive.type());
        if (archive.type().equals("local")) {
            a.put("path", archive.localPath().toString());
        } else {
            a.put("bucket", archive.bucket());
            a.put("prefix", archive.prefix());
            a.put("region", archive.region());
            archive.endpoint().ifPresent(e -> a.put("endpoint", e.toString()));
            a.put("path-style", archive.pathStyle());
        }
        a.put("codec", archive.codec());
        a.put("rotate-records", archive.rotateRecords());
        a.put("rotate-bytes", archive.rotateBytes());
        a.put("rotate-interval", archive.rotateInterval().toString());
        a.put("idle-flush", archive.idleFlush().toString());
        root.put("archive", a);
        root.put("extractor", Map.of("run-timeout", extractor.runTimeout().toString(), "max-attempts", extractor.maxAttempts()));
        root.put("loader", Map.of("batch-records", loader.batchRecords(), "batch-interval", loader.batchInterval().toString(),
                "create-tables", loader.createTables()));
        root.put("transformer", transformer.describe());
        root.put("sources", sources.stream().map(SourceConfig::describe).toList());
        root.put("sinks", sinks.stream().map(SinkConfig::describe).toList());
        root.put("notifications", notifications.describe());
        root.put("backfills", backfills.stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("org_id", b.orgId());
            m.put("start_date", b.startDate().toString());
            m.put("end_date", b.endDate().toString());
            m.put("interval_days", b.intervalDays());
            m.put("schedule", b.schedule());
            return m;
        }).toList());
        return root;
    }
}
