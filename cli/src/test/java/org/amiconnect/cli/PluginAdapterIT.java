package org.amiconnect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;
import org.amiconnect.testsupport.config.ConfigFiles;
import org.amiconnect.testsupport.kafka.SharedBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A utility swaps in its own adapter without a fork: the Neptune 360 plug-in (plugins/neptune360, a jar of its own)
 * put on the class path of the built {@code amiconnect} command, run as an operator runs it
 * ({@code java -cp amiconnect.jar:plugin.jar org.amiconnect.cli.AmiConnect …}) in a child JVM, against the shared
 * broker. With the jar, a {@code type: neptune} source with {@code simulate:} runs end to end (the plug-in's simulator,
 * its client, its normalizer in the transformer's join, the DuckDB loader); without it, the same config is refused,
 * naming the type.
 */
class PluginAdapterIT {

    private static final int METERS = 60;
    private static final long SEED = 11;
    private static final String ORG = "plugin_utility";
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    // the standard extract's tick at or before this instant is 2026-06-11 12:00 PDT (19:00Z): window = the 2 days before
    private static final Instant AS_OF = Instant.parse("2026-06-11T20:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-06-09T19:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-06-11T19:00:00Z");
    private static final String ARTIFACT = "amiconnect-plugin-neptune360";

    @TempDir
    static Path dir;

    static Path config;
    static Path warehouse;

    @BeforeAll
    static void writeConfig() {
        warehouse = dir.resolve("warehouse.duckdb");
        config = ConfigFiles.in(dir).kafka(SharedBroker.bootstrapServers(), SharedBroker.uniquePrefix("plugin"))
                .embeddedRegistry().localArchive()
                .source("neptune", ORG, "timezone", ZONE.getId(), "simulate", Map.of("meters", METERS, "seed", SEED),
                        "page_size", 1000, "retry_backoff", "100ms")
                .secret("sources." + ORG, Map.of("site_id", "site-9", "api_key", "it-key", "client_id", "it-client",
                        "client_secret", "it-secret"))
                .duckdbSink("wh", warehouse).set("loader.batch-interval", "500ms").write();
    }

    @Test
    void thePluginJarHoldsOnlyItsOwnClassesAndRegistrations() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class")).toList();

            assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith("org/amiconnect/plugins/neptune360/"),
                    "a class of the plug-in's own package (core, schemas, simulators, Avro and Jackson come from the host)");
            assertThat(classes).contains("org/amiconnect/plugins/neptune360/raw/Neptune360Read.class");
            assertThat(Collections.list(jar.entries())).extracting(ZipEntry::getName).noneMatch(n -> n.endsWith(".jar"));
            assertThat(entry(jar, "META-INF/services/org.amiconnect.core.adapter.SourceAdapter"))
                    .isEqualTo("org.amiconnect.plugins.neptune360.Neptune360Adapter");
            assertThat(entry(jar, "META-INF/services/org.amiconnect.simulators.SimulatorProvider"))
                    .isEqualTo("org.amiconnect.plugins.neptune360.simulator.Neptune360SimulatorProvider");
        }
    }

    @Test
    void withoutThePluginJarTheSameConfigIsRefusedNamingTheUnknownType() throws Exception {
        ChildRun run = amiconnect(List.of(cliJar()), "config", "validate", "-c", config.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out() + run.err()).contains("config.yaml: sources[0].type: 'neptune' is not a known source type; "
                + "known: ").doesNotContain("it-secret");
    }

    @Test
    void withThePluginJarRunOnceLoadsTheSimulatedSiteIntoDuckDb() throws Exception {
        ChildRun run = amiconnect(List.of(cliJar(), pluginJar()), "run", "--once", "--as-of", AS_OF.toString(),
                "--timeout", "5m", "--state-dir", dir.resolve("state").toString(), "-c", config.toString());

        System.out.println(run.out()); // the command's summary, kept in the test report
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Extracting " + ORG + " (neptune) standard").doesNotContain("it-secret");

        UtilityGenerator generator = new UtilityGenerator(SEED, METERS, ZONE);
        List<SimulatedRead> expected = generator.reads(WINDOW_START, WINDOW_END).toList();
        assertThat(expected).hasSize(METERS * 48);
        Map<String, Row> rows = readings();
        assertThat(rows).hasSize(expected.size());
        for (SimulatedRead read : expected) {
            SimulatedMeter meter = read.meter();
            String key = meter.meterId() + "-" + meter.endpointSn() + "@" + read.instant().truncatedTo(ChronoUnit.SECONDS);
            Row row = rows.get(key);
            assertThat(row).as("reading %s", key).isNotNull();
            assertThat(row.register()).as("register of %s", key).isCloseTo(read.vendorRegisterCf(), within(1e-9));
            assertThat(row.interval()).as("interval of %s", key).isCloseTo(read.vendorFlowCf(), within(1e-9));
            assertThat(row.estimated()).isEqualTo(read.estimatedFlag());
            // the account comes from the endpoint listing: the transformer joined the read to its meter
            assertThat(row.account()).as("account of %s", key).isEqualTo(meter.accountId());
        }
        assertThat(count("SELECT count(*) FROM meters WHERE row_active_until IS NULL AND org_id = '" + ORG + "'"))
                .isEqualTo(METERS);
        // the simulator lists duplicates (python-ami-connect §2.9): the extractor drops them, the raw tables show one each
        assertThat(count("SELECT count(*) FROM neptune_endpoint_base")).isEqualTo(METERS);
        assertThat(count("SELECT count(*) FROM neptune_read_base")).isEqualTo(expected.size());
    }

    /** What a child {@code amiconnect} printed and how it exited. */
    private record ChildRun(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr (last 6000 chars) ---\n"
                    + err.substring(Math.max(0, err.length() - 6000));
        }
    }

    /** Runs {@code java -cp <classPath> org.amiconnect.cli.AmiConnect args…} in the test's folder. */
    private static ChildRun amiconnect(List<Path> classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                AmiConnect.class.getName()));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("amiconnect " + String.join(" ", args) + " did not finish in 8 minutes:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new ChildRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The command as {@code mvn package} builds it; its manifest names its libraries in target/lib. */
    private static Path cliJar() {
        Path jar = Path.of("target", "amiconnect.jar").toAbsolutePath();
        assertThat(jar).as("the amiconnect jar, built by the package phase before the integration tests").exists();
        return jar;
    }

    /** The plug-in jar as the reactor built it (a test dependency of this module, so it is built first). */
    private static Path pluginJar() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith(ARTIFACT) && p.toString().endsWith(".jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + ARTIFACT + " jar on the test class path "
                        + "(build it in the same reactor: mvn verify -pl cli -am)"));
    }

    private static String entry(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private record Row(double register, double interval, Integer estimated, String account) {
    }

    private static Map<String, Row> readings() throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT device_id, epoch_us(flowtime), register_value, interval_value, "
                        + "estimated, account_id FROM readings WHERE org_id = '" + ORG + "'")) {
            while (rs.next()) {
                Instant flowtime = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
                rows.put(rs.getString(1) + "@" + flowtime, new Row(rs.getDouble(3), rs.getDouble(4),
                        (Integer) rs.getObject(5), rs.getString(6)));
            }
        }
        return rows;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
