package org.amiconnect.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies environment variables onto a parsed YAML tree, so a deployment can change a value or inject a secret
 * without editing files: {@code AMI_CONNECT__KAFKA__BOOTSTRAP_SERVERS=broker:9092} sets {@code kafka.bootstrap-servers}
 * in config.yaml, {@code AMI_CONNECT_SECRETS__SOURCES__MY_ORG__PASSWORD=...} sets {@code sources.my_org.password} in
 * secrets.yaml. Segments are separated by {@code __} and match keys case-insensitively with {@code -} = {@code _};
 * inside a list of sources or sinks a segment names the entry by its {@code org_id} or {@code id}.
 */
public final class EnvironmentOverrides {

    public static final String CONFIG_PREFIX = "AMI_CONNECT__";
    public static final String SECRETS_PREFIX = "AMI_CONNECT_SECRETS__";

    /** Variables of the Python AMI Connect's deployments that share the prefix but are not config paths. */
    static final java.util.Set<String> PREDECESSOR_VARIABLES = java.util.Set.of(
            "AMI_CONNECT__AWS_PROFILE", "AMI_CONNECT__AWS_REGION", "AMI_CONNECT__AIRFLOW_SITE_URL");

    private EnvironmentOverrides() {
    }

    /** @return the names of the variables applied */
    public static List<String> apply(Map<String, Object> tree, String prefix, Map<String, String> env) {
        List<String> applied = new ArrayList<>();
        env.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length())
                .filter(e -> !PREDECESSOR_VARIABLES.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    List<String> path = Arrays.asList(e.getKey().substring(prefix.length()).split("__"));
                    try {
                        set(tree, path, e.getValue());
                    } catch (IllegalArgumentException problem) {
                        // name the variable: it is the only place the operator can fix it
                        throw new ConfigException(List.of(new ConfigError("environment", e.getKey(), problem.getMessage())));
                    }
                    applied.add(e.getKey());
                });
        return applied;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> node, List<String> path, String value) {
        String segment = path.get(0);
        String key = existingKey(node, segment);
        if (path.size() == 1) {
            node.put(key, value);
            return;
        }
        Object child = node.get(key);
        if (child instanceof List<?> list) {
            Map<String, Object> entry = entryById((List<Object>) list, path.get(1));
            if (path.size() == 2) {
                throw new IllegalArgumentException("names the entry '" + path.get(1).toLowerCase(Locale.ROOT)
                        + "' but no key inside it");
            }
            set(entry, path.subList(2, path.size()), value);
            return;
        }
        if (!(child instanceof Map)) {
            child = new LinkedHashMap<String, Object>();
            node.put(key, child);
        }
        set((Map<String, Object>) child, path.subList(1, path.size()), value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entryById(List<Object> list, String id) {
        for (Object item : list) {
            if (item instanceof Map<?, ?> m) {
                for (String idKey : List.of("org_id", "id")) {
                    Object v = m.get(idKey);
                    if (v != null && same(String.valueOf(v), id)) {
                        return (Map<String, Object>) m;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no entry with org_id or id '" + id.toLowerCase(Locale.ROOT)
                + "' to override");
    }

    private static String existingKey(Map<String, Object> node, String segment) {
        for (String k : node.keySet()) {
            if (same(k, segment)) {
                return k;
            }
        }
        return segment.toLowerCase(Locale.ROOT);
    }

    private static boolean same(String key, String segment) {
        return ConfigNode.normalize(key).equals(ConfigNode.normalize(segment));
    }
}
