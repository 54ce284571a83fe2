package org.amiconnect.core.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.amiconnect.core.schedule.CronSchedule;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads config.yaml and secrets.yaml, applies environment overrides and validates everything into an
 * {@link AmiConnectConfig}. Every problem found is reported at once, each naming its file and key path; secret values
 * never appear in a message.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9_.-]+:\\d{1,5}");
    private static final Set<String> SINK_TYPES = Set.of("duckdb", "postgresql", "snowflake");
    private static final List<String> SNOWFLAKE_REQUIRED = List.of("account", "user", "role", "warehouse", "database", "schema");
    static final String DEFAULT_TIMEZONE = "America/Los_Angeles";
    private static final Set<String> ARCHIVE_CODECS = Set.of("deflate", "zstd");
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);

    private final SourceTypes sourceTypes;
    private final Map<String, String> env;

    /**
     * @param sourceTypes the source types whose vendor keys can be read (the adapter catalog)
     * @param env the environment whose {@code AMI_CONNECT__...} variables override the files
     */
    public ConfigLoader(SourceTypes sourceTypes, Map<String, String> env) {
        this.sourceTypes = sourceTypes;
        this.env = env;
    }

    /**
     * @param secretsFile secrets.yaml; when empty, {@code secrets.yaml} next to the config file is used if present
     */
    public AmiConnectConfig load(Path configFile, Optional<Path> secretsFile) {
        if (!Files.isRegularFile(configFile)) {
            throw new ConfigException(configFile.toString(), "file not found");
        }
        Optional<Path> secrets = secretsFile.isPresent() ? secretsFile : sibling(configFile);
        if (secrets.isPresent() && !Files.isRegularFile(secrets.get())) {
            throw new ConfigException(secrets.get().toString(), "file not found");
        }
        Map<String, Object> configTree = readYaml(configFile);
        Map<String, Object> secretsTree = secrets.map(ConfigLoader::readYaml).orElseGet(LinkedHashMap::new);
        if (secretsTree.get("secrets") instanceof Map<?, ?> nested && secretsTree.size() == 1) {
            // the predecessor allowed secrets nested under a top-level `secrets:` key
            secretsTree = castMap(nested);
        }
        List<String> applied = new ArrayList<>();
        applied.addAll(EnvironmentOverrides.apply(configTree, EnvironmentOverrides.CONFIG_PREFIX, env));
        applied.addAll(EnvironmentOverrides.apply(secretsTree, EnvironmentOverrides.SECRETS_PREFIX, env));
        if (!applied.isEmpty()) {
            log.info("Configuration overridden by environment variables: {}", applied);
        }
        String configName = configFile.getFileName().toString();
        String secretsName = secrets.map(p -> p.getFileName().toString()).orElse("secrets.yaml");
        ConfigErrors errors = new ConfigErrors();
        return validate(configFile, secrets, ConfigNode.root(configName, configTree, errors),
                ConfigNode.secretsRoot(secretsName, secretsTree, errors));
    }

    private AmiConnectConfig validate(Path configFile, Optional<Path> secretsFile, ConfigNode root, ConfigNode secretsRoot) {
        ConfigErrors errors = root.errors();

        KafkaSettings kafka = kafka(root.child("kafka"), secretsRoot.child("kafka"));
        RegistrySettings registry = registry(root.child("schema-registry"), secretsRoot.child("schema_registry"));
        ArchiveSettings archive = archive(root);
        ExtractorSettings extractor = extractor(root.child("extractor"));
        LoaderSettings loader = loader(root.child("loader"));
        TransformerSettings transformer = transformer(root.child("transformer"));

        ConfigNode sinkSecrets = secretsRoot.child("sinks");
        List<SinkConfig> sinks = sinks(root, sinkSecrets);
        ConfigNode sourceSecrets = secretsRoot.child("sources");
        List<SourceConfig> sources = sources(root, sourceSecrets, sinks);
        List<BackfillConfig> backfills = backfills(root, sources);

        for (String org : sourceSecrets.keys()) {
            // matched as the secrets lookup matches: case-insensitive, '-' = '_' (env variables cannot spell '-')
            if (sources.stream().noneMatch(s -> ConfigNode.normalize(s.orgId()).equals(ConfigNode.normalize(org)))) {
                log.warn("{}: sources.{}: secrets for an org that config.yaml does not define", secretsRoot.file(), org);
            }
        }
        sourceSecrets.accept(sourceSecrets.keys().toArray(String[]::new));
        sinkSecrets.accept(sinkSecrets.keys().toArray(String[]::new));
        NotificationSettings notifications = NotificationSettingsReader.read(root.child("notifications"),
                secretsRoot.child("notifications"));
        if (root.has("pipeline")) {
            // the predecessor's Airflow-era section: post-processors have no counterpart yet
            log.warn("{}: pipeline is a setting of the Python AMI Connect and is ignored", root.file());
            root.accept("pipeline");
        }
        root.rejectUnknownKeys();
        secretsRoot.rejectUnknownKeys();
        errors.throwIfAny();
        return new AmiConnectConfig(configFile, secretsFile, kafka, registry, archive, extractor, loader, transformer,
                List.copyOf(sources), List.copyOf(sinks), List.copyOf(backfills), notifications);
    }

    private KafkaSettings kafka(ConfigNode k, ConfigNode secrets) {
        String bootstrap = k.string("bootstrap-servers", KafkaSettings.EMBEDDED);
        if (!bootstrap.equals(KafkaSettings.EMBEDDED)) {
            for (String hp : bootstrap.split(",")) {
                if (!HOST_PORT.matcher(hp.trim()).matches()) {
                    k.error("bootstrap-servers", "'" + hp.trim() + "' is not host:port; expected 'embedded' or a "
                            + "comma-separated list like broker1:9092,broker2:9092");
                }
            }
        }
        String prefix = k.string("topic-prefix", "");
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]+")) {
            k.error("topic-prefix", "'" + prefix + "' may contain only letters, digits, '.', '_' and '-'");
        }
        int partitions = k.integer("partitions", 3, 1, 1000);
        int rf = k.integer("replication-factor", -1, -1, 32767);
        String compression = k.string("compression-type", KafkaSettings.DEFAULT_COMPRESSION);
        if (!KafkaSettings.COMPRESSION_TYPES.contains(compression)) {
            k.error("compression-type", "'" + compression + "' is not a Kafka codec; expected one of "
                    + String.join(", ", KafkaSettings.COMPRESSION_TYPES));
        }
        ConfigNode embedded = k.child("embedded");
        Path dataDir = embedded.path("data-dir", cwd(), "data/kafka");
        int port = embedded.integer("port", 9092, 1, 65535);
        int controllerPort = embedded.integer("controller-port", 9093, 1, 65535);
        embedded.rejectUnknownKeys();
        Map<String, String> props = k.stringMap("properties");
        Map<String, Secret> secretProps = new LinkedHashMap<>();
        ConfigNode sp = secrets.child("properties");
        for (String key : sp.keys()) {
            sp.optionalSecret(key).ifPresent(s -> secretProps.put(key, s));
        }
        secrets.rejectUnknownKeys();
        return new KafkaSettings(bootstrap, prefix, partitions, (short) rf, dataDir, port, controllerPort, props,
                secretProps, compression);
    }

    private RegistrySettings registry(ConfigNode r, ConfigNode secrets) {
        String url = r.string("url", RegistrySettings.EMBEDDED);
        if (!url.equals(RegistrySettings.EMBEDDED) && !(url.startsWith("http://") || url.startsWith("https://"))) {
            r.error("url", "'" + url + "' is not a registry address; expected 'embedded' or an http(s):// URL");
        }
        int port = r.integer("embedded-port", 8081, 1, 65535);
        String compatibility = r.string("compatibility", RegistrySettings.DEFAULT_COMPATIBILITY)
                .toUpperCase(java.util.Locale.ROOT);
        if (!RegistrySettings.COMPATIBILITY_LEVELS.contains(compatibility)) {
            r.error("compatibility", "'" + compatibility + "' is not a compatibility level; expected one of "
                    + String.join(", ", RegistrySettings.COMPATIBILITY_LEVELS));
        }
        Optional<String> user = secrets.optionalString("username");
        Optional<Secret> password = secrets.optionalSecret("password");
        r.rejectUnknownKeys();
        secrets.rejectUnknownKeys();
        return new RegistrySettings(url, port, user, password, compatibility);
    }

    private ArchiveSettings archive(ConfigNode root) {
        ConfigNode a;
        if (root.hasChild("task_output") && !root.hasChild("archive")) {
            // the predecessor's intermediate-output setting: same meaning (raw data kept outside the warehouse)
            log.warn("{}: task_output is read as archive; rename it to archive", root.file());
            a = root.child("task_output");
            root.accept("archive");
        } else {
            a = root.child("archive");
            root.accept("task_output");
        }
        String type = a.string("type", "local");
        Path local = a.path("path", cwd(), a.string("output_folder", "data/archive"));
        String bucket = a.string("bucket", null);
        String prefix = a.string("prefix", "ami-connect");
        String region = a.string("region", "us-west-2");
        Optional<URI> endpoint = a.optionalString("endpoint").flatMap(e -> uri(a, "endpoint", e));
        boolean pathStyle = a.bool("path-style", endpoint.isPresent());
        a.accept("dev_profile");
        if (!type.equals("local") && !type.equals("s3")) {
            a.error("type", "'" + type + "' is not an archive type; expected local or s3");
        } else if (type.equals("s3") && bucket == null) {
            a.error("bucket", "missing; an s3 archive needs a bucket");
        }
        String codec = a.string("codec", ArchiveSettings.DEFAULT_CODEC);
        if (!ARCHIVE_CODECS.contains(codec)) {
            a.error("codec", "'" + codec + "' is not an archive codec; expected deflate or zstd");
        }
        long rotateRecords = a.longValue("rotate-records", ArchiveSettings.DEFAULT_ROTATE_RECORDS, 1);
        long rotateBytes = byteSize(a, "rotate-bytes", ArchiveSettings.DEFAULT_ROTATE_BYTES, 1024);
        Duration rotateInterval = positive(a, "rotate-interval", ArchiveSettings.DEFAULT_ROTATE_INTERVAL);
        Duration idleFlush = positive(a, "idle-flush", ArchiveSettings.DEFAULT_IDLE_FLUSH);
        a.rejectUnknownKeys();
        return new ArchiveSettings(type, local, bucket, prefix, region, endpoint, pathStyle, codec, rotateRecords,
                rotateBytes, rotateInterval, idleFlush);
    }

    private static Duration positive(ConfigNode node, String key, Duration defaultValue) {
        Duration d = node.duration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            node.error(key, "must be longer than zero");
            return defaultValue;
        }
        return d;
    }

    /** A size in bytes: a whole number, or one with a unit (KB, MB, GB = powers of 1000; KiB, MiB, GiB = of 1024). */
    private static long byteSize(ConfigNode node, String key, long defaultValue, long min) {
        Optional<String> v = node.optionalString(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Matcher m = BYTE_SIZE.matcher(v.get());
        if (!m.matches()) {
            node.error(key, "'" + v.get() + "' is not a size; expected bytes or e.g. 512KiB, 64MiB, 1GB");
            return defaultValue;
        }
        long unit = switch (m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1000L;
            case "kib" -> 1024L;
            case "mb" -> 1000L * 1000;
            case "mib" -> 1024L * 1024;
            case "gb" -> 1000L * 1000 * 1000;
            case "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            if (bytes < min) {
                node.error(key, v.get() + " is too small; expected at least " + min + " bytes");
                return defaultValue;
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            node.error(key, "'" + v.get() + "' is too large");
            return defaultValue;
        }
    }

    private ExtractorSettings extractor(ConfigNode e) {
        ExtractorSettings s = new ExtractorSettings(e.duration("run-timeout", Duration.ofHours(3)),
                e.integer("max-attempts", 3, 1, 100));
        e.rejectUnknownKeys();
        return s;
    }

    private LoaderSettings loader(ConfigNode l) {
        LoaderSettings s = new LoaderSettings(l.integer("batch-records", 50_000, 1, 5_000_000),
                l.duration("batch-interval", Duration.ofSeconds(2)), l.bool("create-tables", true));
        l.rejectUnknownKeys();
        return s;
    }

    private TransformerSettings transformer(ConfigNode t) {
        TransformerSettings s = new TransformerSettings(t.integer("stream-threads", 1, 1, 64),
                t.integer("standby-replicas", 0, 0, 10),
                t.has("state-dir") ? Optional.of(t.path("state-dir", cwd(), "data/streams")) : Optional.empty(),
                t.has("metadata-grace") ? Optional.of(t.duration("metadata-grace", Duration.ZERO)) : Optional.empty(),
                t.has("halves-grace") ? Optional.of(t.duration("halves-grace", Duration.ZERO)) : Optional.empty());
        t.rejectUnknownKeys();
        return s;
    }

    private List<SinkConfig> sinks(ConfigNode root, ConfigNode sinkSecrets) {
        List<SinkConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode s : root.children("sinks")) {
            String id = s.requiredString("id", "a sink id");
            String type = s.requiredString("type", "one of duckdb, postgresql, snowflake");
            if (id != null && !ids.add(id)) {
                s.error("id", "duplicate sink id '" + id + "'");
            }
            if (type != null && !SINK_TYPES.contains(type)) {
                s.error("type", "'" + type + "' is not a sink type; expected one of duckdb, postgresql, snowflake");
            }
            Path path = "duckdb".equals(type) ? s.path("path", cwd(), "data/warehouse.duckdb") : null;
            Optional<String> url = s.optionalString("url");
            if ("postgresql".equals(type)) {
                if (url.isEmpty()) {
                    s.error("url", "missing; expected a JDBC URL like jdbc:postgresql://host:5432/db");
                } else if (!url.get().startsWith("jdbc:postgresql://")) {
                    s.error("url", "'" + url.get() + "' is not a PostgreSQL JDBC URL; expected jdbc:postgresql://host:5432/db");
                }
            }
            List<String> checks = s.stringList("checks");
            Optional<String> checksSchedule = checksSchedule(s);
            List<String> notifyCommand = s.stringList("notify-command");
            Optional<URI> notifyUrl = s.optionalString("notify-url").flatMap(u -> uri(s, "notify-url", u));
            Map<String, Secret> secrets = new LinkedHashMap<>();
            // has, not hasChild: a bare value where the sink's mapping belongs must be reported, not ignored
            if (id != null && sinkSecrets.has(id)) {
                ConfigNode sec = sinkSecrets.child(id);
                for (String key : sec.keys()) {
                    sec.optionalSecret(key).ifPresent(v -> secrets.put(key, v));
                }
            }
            if ("snowflake".equals(type)) {
                for (String required : SNOWFLAKE_REQUIRED) {
                    if (!secrets.containsKey(required)) {
                        sinkSecrets.error(id + "." + required, "missing; the snowflake sink '" + id + "' needs "
                                + String.join(", ", SNOWFLAKE_REQUIRED) + " and ssh_key (or password)");
                    }
                }
                if (!secrets.containsKey("ssh_key") && !secrets.containsKey("password")) {
                    sinkSecrets.error(id, "the snowflake sink '" + id + "' needs ssh_key (key-pair auth) or password");
                }
            }
            s.rejectUnknownKeys();
            if (id != null && type != null) {
                out.add(new SinkConfig(id, type, path, url, checks, secrets, checksSchedule, notifyCommand, notifyUrl));
            }
        }
        return out;
    }

    /** The cron schedule (UTC) of a sink's data-quality checks: daily by default, {@code off} for none. */
    private static Optional<String> checksSchedule(ConfigNode sink) {
        String cron = sink.string("checks-schedule", SinkConfig.DEFAULT_CHECKS_SCHEDULE);
        if (cron.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        String problem = CronSchedule.problem(cron);
        if (problem != null) {
            sink.error("checks-schedule", problem + "; or 'off' for no scheduled checks");
            return Optional.empty();
        }
        return Optional.of(cron);
    }

    private List<SourceConfig> sources(ConfigNode root, ConfigNode sourceSecrets, List<SinkConfig> sinks) {
        List<SourceConfig> out = new ArrayList<>();
        Set<String> orgs = new HashSet<>();
        for (ConfigNode s : root.children("sources")) {
            String type = s.requiredString("type", "a source type (" + String.join(", ", sourceTypes.types()) + ")");
            String org = s.requiredString("org_id", "the utility's id");
            if (org != null && !ORG_ID.matcher(org).matches()) {
                s.error("org_id", "'" + org + "' may contain only letters, digits, '_', '.' and '-'");
            }
            if (org != null && !orgs.add(org)) {
                s.error("org_id", "duplicate org_id '" + org + "'; each source needs its own");
            }
            ZoneId zone = s.zone("timezone", DEFAULT_TIMEZONE);
            List<String> sinkIds = s.stringList("sinks");
            for (int i = 0; i < sinkIds.size(); i++) {
                String id = sinkIds.get(i);
                if (sinks.stream().noneMatch(k -> k.id().equals(id))) {
                    root.errors().add(s.file(), s.pathOf("sinks") + "[" + i + "]", "'" + id + "' is not a configured sink; known: "
                            + String.join(", ", sinks.stream().map(SinkConfig::id).toList()));
                }
            }
            if (sinkIds.isEmpty()) {
                sinkIds = sinks.stream().map(SinkConfig::id).toList();
            }
            Optional<SimulationSettings> simulate = Optional.empty();
            if (s.hasChild("simulate")) {
                ConfigNode sim = s.child("simulate");
                simulate = Optional.of(new SimulationSettings(sim.integer("meters", 1000, 1, 10_000_000),
                        sim.longValue("seed", 42, Long.MIN_VALUE)));
                sim.rejectUnknownKeys();
            } else {
                s.accept("simulate");
            }
            List<ScheduledExtract> schedules = schedules(s, zone);
            Optional<? extends SourceType> sourceType = type == null ? Optional.empty() : sourceTypes.find(type);
            if (type != null && sourceType.isEmpty()) {
                s.error("type", "'" + type + "' is not a known source type; known: "
                        + String.join(", ", sourceTypes.types()));
            }
            if (sourceType.isPresent() && org != null) {
                ConfigNode secrets = sourceSecrets.child(org);
                SourceSettings settings = sourceType.get().parseSettings(s, secrets);
                secrets.rejectUnknownKeys();
                s.rejectUnknownKeys();
                out.add(new SourceConfig(type, org, zone, sinkIds, settings, schedules, simulate, Optional.empty()));
            }
        }
        return out;
    }

    private List<ScheduledExtract> schedules(ConfigNode source, ZoneId zone) {
        List<ScheduledExtract> out = new ArrayList<>();
        for (ConfigNode s : source.children("schedules")) {
            String name = s.requiredString("name", "a schedule name like standard or lagged");
            int interval = s.integer("interval_days", 2, 1, 366);
            int lag = s.integer("lag_days", 0, 0, 3660);
            String cron = s.string("cron", "0 12 * * *");
            String problem = CronSchedule.problem(cron);
            if (problem != null) {
                s.error("cron", problem);
            }
            s.rejectUnknownKeys();
            if (name != null) {
                out.add(new ScheduledExtract(name, Duration.ofDays(interval), Duration.ofDays(lag), cron));
            }
        }
        return out;
    }

    private List<BackfillConfig> backfills(ConfigNode root, List<SourceConfig> sources) {
        List<BackfillConfig> out = new ArrayList<>();
        for (ConfigNode b : root.children("backfills")) {
            String org = b.requiredString("org_id", "the org to backfill");
            LocalDate start = b.requiredDate("start_date");
            LocalDate end = b.requiredDate("end_date");
            int interval = b.integer("interval_days", 0, 0, 366);
            if (!b.has("interval_days")) {
                b.error("interval_days", "missing; expected the number of days per chunk");
            } else if (interval < 1) {
                b.error("interval_days", interval + " is out of range; expected 1..366");
            }
            String schedule = b.requiredString("schedule", "a five-field cron expression");
            if (schedule != null) {
                String problem = CronSchedule.problem(schedule);
                if (problem != null) {
                    b.error("schedule", problem);
                }
            }
            if (org != null && sources.stream().noneMatch(s -> s.orgId().equals(org))) {
                b.error("org_id", "'" + org + "' is not a configured source");
            }
            if (start != null && end != null && !end.isAfter(start)) {
                b.error("end_date", end + " is not after start_date " + start);
            }
            b.rejectUnknownKeys();
            if (org != null && start != null && end != null && schedule != null && interval >= 1) {
                out.add(new BackfillConfig(org, start, end, interval, schedule));
            }
        }
        return out;
    }

    private static Optional<URI> uri(ConfigNode node, String key, String value) {
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || u.getHost() == null) {
                node.error(key, "'" + value + "' is not an absolute URL");
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            node.error(key, "'" + value + "' is not a URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }

    private static Optional<Path> sibling(Path configFile) {
        Path dir = configFile.toAbsolutePath().getParent();
        Path s = dir.resolve("secrets.yaml");
        return Files.isRegularFile(s) ? Optional.of(s) : Optional.empty();
    }

    static Map<String, Object> readYaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new TimestampsAsText(options));
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = yaml.load(r);
            if (doc == null) {
                return new LinkedHashMap<>();
            }
            if (!(doc instanceof Map<?, ?> m)) {
                throw new ConfigException(file.getFileName().toString(), "expected a mapping at the top level");
            }
            return castMap(m);
        } catch (MarkedYAMLException e) {
            // the problem mark gives the line; the snippet is left out because it could hold a secret
            String where = e.getProblemMark() == null ? "" : "line " + (e.getProblemMark().getLine() + 1) + ": ";
            throw new ConfigException(file.getFileName().toString(), where + "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file.getFileName().toString(), "not valid YAML");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Keeps YAML 1.1 timestamps (an unquoted {@code 2025-01-01}) as text: SnakeYAML builds them with a lenient
     * calendar that silently turns {@code 2025-02-30} into March 2nd; as text they reach the strict date parser.
     */
    private static final class TimestampsAsText extends SafeConstructor {
        TimestampsAsText(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
