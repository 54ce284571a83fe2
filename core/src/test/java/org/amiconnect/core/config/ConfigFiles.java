package org.amiconnect.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;

/** Writes config.yaml / secrets.yaml into a folder and loads them with the test vendors on the classpath. */
final class ConfigFiles {

    /** The smallest valid config.yaml: one DuckDB sink {@code warehouse}, one test_vendor source {@code my_org}. */
    static final String SMALLEST_CONFIG = """
            sinks:
              - id: warehouse
                type: duckdb
            sources:
              - type: test_vendor
                org_id: my_org
                sinks: [warehouse]
            """;
    /** The secrets.yaml that {@link #SMALLEST_CONFIG} needs: my_org's API key. */
    static final String SMALLEST_SECRETS = """
            sources:
              my_org:
                api_key: k-123
            """;

    private final Path dir;
    private final Map<String, String> env;

    ConfigFiles(Path dir) {
        this(dir, Map.of());
    }

    ConfigFiles(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    Path write(String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigLoader loader() {
        return new ConfigLoader(AdapterCatalog.load(), env);
    }

    /** Loads config.yaml with secrets.yaml next to it (when written). */
    AmiConnectConfig load(String config, String secrets) {
        Path c = write("config.yaml", config);
        if (secrets != null) {
            write("secrets.yaml", secrets);
        }
        return loader().load(c, Optional.empty());
    }

    /** The lines of the ConfigException that loading these files must throw. */
    List<String> errors(String config, String secrets) {
        try {
            load(config, secrets);
        } catch (ConfigException e) {
            return List.of(e.getMessage().split("\n"));
        }
        throw new AssertionError("expected the configuration to be rejected, but it loaded");
    }
}
