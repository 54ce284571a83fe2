package org.amiconnect.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private adapter shipped as its own jar (like the predecessor's Neptune adapter) is found by its {@code type} through
 * {@link java.util.ServiceLoader}: compiled here from source into a jar that is not on the test class path.
 */
class PluginAdapterTest {

    private static final String ADAPTER_SOURCE = """
            package com.acme.amiconnect;

            import java.time.Duration;
            import java.util.List;
            import java.util.Map;

            import org.amiconnect.core.adapter.*;
            import org.amiconnect.core.config.ConfigNode;
            import org.amiconnect.core.config.SourceConfig;
            import org.amiconnect.core.config.SourceSettings;
            import org.amiconnect.core.schedule.ScheduledExtract;
            import org.amiconnect.schemas.raw.ExtractMetadata;
            import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;

            public final class AcmeAdapter implements SourceAdapter {
                static final RawEntity READ = new RawEntity("acme", "meter-read", Beacon360MeterRead.class,
                        "acme_base", Map.of(), List.of("device_id"));

                public String type() { return "acme_private"; }
                public String vendor() { return "acme"; }
                public SourceSettings parseSettings(ConfigNode source, ConfigNode secrets) {
                    String site = source.string("site", "main");
                    return () -> Map.of("site", site);
                }
                public List<RawEntity> rawEntities() { return List.of(READ); }
                public List<ScheduledExtract> scheduledExtracts() {
                    return List.of(ScheduledExtract.standard(Duration.ofDays(1)));
                }
                public Extractor extractor(SourceConfig source) {
                    return (window, sink) -> {
                        for (int i = 1; i <= 3; i++) {
                            Beacon360MeterRead read = Beacon360MeterRead.newBuilder()
                                    .setEndpointSN("acme-" + i)
                                    .setExtract(ExtractMetadata.newBuilder().setOrgId(source.orgId())
                                            .setRunId(window.runId()).setExtractedAt(window.end())
                                            .setSource("acme export").build())
                                    .build();
                            sink.publish(READ, source.orgId() + "|acme-" + i, read);
                        }
                        return new ExtractSummary(3, 0, "acme export");
                    };
                }
                public Normalizer normalizer(SourceConfig source) {
                    return raw -> new Normalized(List.of(), List.of(), 0);
                }
            }
            """;

    @TempDir
    static Path dir;

    static Path jar;

    @BeforeAll
    static void buildPluginJar() throws IOException {
        Path src = dir.resolve("src/com/acme/amiconnect/AcmeAdapter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, ADAPTER_SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        jar = dir.resolve("acme-amiconnect-adapter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + SourceAdapter.class.getName()));
            out.write("com.acme.amiconnect.AcmeAdapter\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    @Test
    void anAdapterInAnExternalJarIsFoundByItsType() throws IOException {
        try (URLClassLoader plugins = pluginLoader()) {
            AdapterCatalog withPlugin = AdapterCatalog.load(plugins);

            assertThat(withPlugin.find("acme_private")).hasValueSatisfying(a -> {
                assertThat(a.getClass().getName()).isEqualTo("com.acme.amiconnect.AcmeAdapter");
                assertThat(a.vendor()).isEqualTo("acme");
            });
            assertThat(withPlugin.types()).contains("beacon_360", "acme_private");
            assertThat(AdapterCatalog.load().find("acme_private")).as("without the jar").isEmpty();
        }
    }

    @Test
    void aConfigNamingThePluginTypeLoadsAndItsExtractorPublishesRecords() throws Exception {
        Path config = ConfigFiles.in(dir)
                .source("acme_private", "acme_utility", "timezone", "America/Chicago", "site", "north").write();
        try (URLClassLoader plugins = pluginLoader()) {
            AdapterCatalog catalog = AdapterCatalog.load(plugins);
            AmiConnectConfig loaded = new ConfigLoader(catalog, Map.of()).load(config, Optional.empty());
            SourceConfig source = loaded.source("acme_utility").orElseThrow();
            assertThat(source.type()).isEqualTo("acme_private");
            assertThat(source.settings().describe()).containsEntry("site", "north");

            List<String> keys = new ArrayList<>();
            List<SpecificRecord> records = new ArrayList<>();
            ExtractSummary summary = catalog.get(source.type()).extractor(source).extract(
                    new ExtractWindow("acme_utility.manual.1", Instant.parse("2026-01-01T06:00:00Z"),
                            Instant.parse("2026-01-02T06:00:00Z")),
                    (entity, key, record) -> {
                        assertThat(entity.vendor()).isEqualTo("acme");
                        keys.add(key);
                        records.add(record);
                    });

            assertThat(summary.sourceRows()).isEqualTo(3);
            assertThat(keys).containsExactly("acme_utility|acme-1", "acme_utility|acme-2", "acme_utility|acme-3");
            assertThat(records).hasSize(3);
        }
    }

    private static URLClassLoader pluginLoader() throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginAdapterTest.class.getClassLoader());
    }
}
