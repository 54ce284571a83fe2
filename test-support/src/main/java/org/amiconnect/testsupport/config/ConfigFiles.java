package org.amiconnect.testsupport.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds a {@code config.yaml} and its {@code secrets.yaml} in a folder, key by key, and writes them as YAML.
 *
 * <p>Keys are dotted paths ({@code loader.batch-interval}); a value may be a string, number, boolean, {@link Path},
 * list or map (a map's own keys are taken whole, so {@code kafka.properties} can hold {@code session.timeout.ms}).
 * Embedded servers get free loopback ports. A test of what the loader says about a <em>malformed</em> file writes
 * the text itself with {@link #writeText}.
 */
public final class ConfigFiles {

    private final Path dir;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, Object> secrets = new LinkedHashMap<>();
    private final List<Object> sources = new ArrayList<>();
    private final List<Object> sinks = new ArrayList<>();

    private ConfigFiles(Path dir) {
        this.dir = dir;
    }

    /** A builder whose files go to {@code dir}. */
    public static ConfigFiles in(Path dir) {
        return new ConfigFiles(dir);
    }

    /** Sets a key of config.yaml, e.g. {@code set("loader.batch-interval", "300ms")}. */
    public ConfigFiles set(String path, Object value) {
        put(config, path, value);
        return this;
    }

    /** Sets a key of secrets.yaml, e.g. {@code secret("schema_registry.password", "p")}. */
    public ConfigFiles secret(String path, Object value) {
        put(secrets, path, value);
        return this;
    }

    /** A cluster that is already running, topics under {@code topicPrefix}, 3 partitions. */
    public ConfigFiles kafka(String bootstrapServers, String topicPrefix) {
        return set("kafka.bootstrap-servers", bootstrapServers).set("kafka.topic-prefix", topicPrefix)
                .set("kafka.partitions", 3);
    }

    /** The embedded broker that {@code amiconnect run} starts, its data under {@code kafka/}, on free ports. */
    public ConfigFiles embeddedKafka() {
        return set("kafka.bootstrap-servers", "embedded").set("kafka.embedded.data-dir", dir.resolve("kafka"))
                .set("kafka.embedded.port", FreePorts.next()).set("kafka.embedded.controller-port", FreePorts.next());
    }

    /** The embedded schema registry on a free port. */
    public ConfigFiles embeddedRegistry() {
        return set("schema-registry.url", "embedded").set("schema-registry.embedded-port", FreePorts.next());
    }

    /** A local-folder archive under {@code archive/}. */
    public ConfigFiles localArchive() {
        return set("archive.type", "local").set("archive.path", dir.resolve("archive"));
    }

    /**
     * A source, its keys after {@code type} and {@code org_id} given as name-value pairs
     * ({@code "timezone", "America/Chicago", "sinks", List.of("wh")}).
     */
    public ConfigFiles source(String type, String orgId, Object... keysAndValues) {
        Map<String, Object> source = entry("type", type, "org_id", orgId);
        source.putAll(entry(keysAndValues));
        sources.add(source);
        return this;
    }

    /** A Beacon 360 source with its API user and password in secrets.yaml; more keys as name-value pairs. */
    public ConfigFiles beacon360(String orgId, String user, String password, Object... keysAndValues) {
        secret("sources." + orgId, entry("user", user, "password", password));
        return source("beacon_360", orgId, keysAndValues);
    }

    /**
     * A Beacon 360 source served by the built-in simulator ({@code simulate}: {@code meters} meters from generator
     * seed {@code seed}) in Los Angeles time, API user {@code it-user} / {@code it-password}, polling every 50 ms.
     */
    public ConfigFiles simulatedBeacon360(String orgId, int meters, long seed) {
        return beacon360(orgId, "it-user", "it-password", "timezone", "America/Los_Angeles",
                "simulate", entry("meters", meters, "seed", seed), "poll_interval", "50ms", "retry_backoff", "100ms");
    }

    /** A sink, its keys after {@code id} and {@code type} given as name-value pairs. */
    public ConfigFiles sink(String id, String type, Object... keysAndValues) {
        Map<String, Object> sink = entry("id", id, "type", type);
        sink.putAll(entry(keysAndValues));
        sinks.add(sink);
        return this;
    }

    /** A DuckDB sink writing to {@code file}. */
    public ConfigFiles duckdbSink(String id, Path file, Object... keysAndValues) {
        Object[] all = new Object[keysAndValues.length + 2];
        all[0] = "path";
        all[1] = file;
        System.arraycopy(keysAndValues, 0, all, 2, keysAndValues.length);
        return sink(id, "duckdb", all);
    }

    /**
     * A Snowflake sink with the key-pair credentials of a connector user in secrets.yaml (account
     * {@code myorg-account1}, user {@code AMI_CONNECTOR}, role {@code AMI_ROLE}, warehouse {@code AMI_WH}, database
     * {@code AMI}, schema {@code RAW}, a private key whose body is {@code MIIB}).
     */
    public ConfigFiles snowflakeSink(String id) {
        Map<String, Object> credentials = entry("account", "myorg-account1", "user", "AMI_CONNECTOR", "role", "AMI_ROLE",
                "warehouse", "AMI_WH", "database", "AMI", "schema", "RAW",
                "ssh_key", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----");
        secret("sinks." + id, credentials);
        return sink(id, "snowflake");
    }

    /** Writes config.yaml and, when a secret was set, secrets.yaml next to it; returns the config.yaml path. */
    public Path write() {
        Map<String, Object> tree = new LinkedHashMap<>(config);
        if (!sources.isEmpty()) {
            tree.put("sources", sources);
        }
        if (!sinks.isEmpty()) {
            tree.put("sinks", sinks);
        }
        Path file = writeText("config.yaml", yaml(tree));
        if (!secrets.isEmpty()) {
            writeText("secrets.yaml", yaml(secrets));
        }
        return file;
    }

    /** Writes the files and loads them as {@code amiconnect} does, with the adapters on the classpath. */
    public AmiConnectConfig load() {
        return new ConfigLoader(AdapterCatalog.load(), Map.of()).load(write(), Optional.empty());
    }

    /** Writes {@code text} as the file {@code name} in the folder; returns its path. */
    public Path writeText(String name, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String yaml(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(plain(tree));
    }

    /** Paths as strings, maps and lists all the way down: what the YAML dumper writes without type tags. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigFiles::plain).toList();
        }
        return value instanceof Path path ? path.toString() : value;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String path, Object value) {
        String[] keys = path.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(keys[keys.length - 1], value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs: " + List.of(keysAndValues));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
