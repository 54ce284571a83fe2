package org.amiconnect.core.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A mapping in a YAML file that knows where it sits ({@code file} and key path), reads typed values and records a
 * precise error for every missing, malformed or unknown key instead of throwing at the first one.
 *
 * <p>Keys match with {@code -} and {@code _} treated alike ({@code bootstrap-servers} = {@code bootstrap_servers}),
 * because the predecessor's keys are snake_case while Kafka's own names are dotted/dashed. Secret values are read
 * with {@link #optionalSecret} and never echoed in errors; in a tree made by {@link #secretsRoot} no value at all is
 * echoed, because a malformed entry there (a password where a mapping belongs) is still a credential.
 */
public final class ConfigNode {


    private final String file;
    private final String path;
    private final Map<String, Object> values;
    private final Map<String, String> originalKeys;
    private final ConfigErrors errors;
    private final boolean sensitive;
    private final Set<String> read = new LinkedHashSet<>();

    private ConfigNode(String file, String path, Map<?, ?> raw, ConfigErrors errors, boolean sensitive) {
        this.file = file;
        this.path = path;
        this.errors = errors;
        this.sensitive = sensitive;
        this.values = new LinkedHashMap<>();
        this.originalKeys = new LinkedHashMap<>();
        if (raw != null) {
            raw.forEach((k, v) -> {
                String key = String.valueOf(k);
                values.put(normalize(key), v);
                originalKeys.put(normalize(key), key);
            });
        }
    }

    public static ConfigNode root(String file, Map<?, ?> raw, ConfigErrors errors) {
        return new ConfigNode(file, "", raw, errors, false);
    }

    /** The root of a secrets file: errors under it name keys and kinds of value, never the values themselves. */
    public static ConfigNode secretsRoot(String file, Map<?, ?> raw, ConfigErrors errors) {
        return new ConfigNode(file, "", raw, errors, true);
    }

    static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    public ConfigErrors errors() {
        return errors;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void error(String key, String message) {
        errors.add(file, pathOf(key), message);
    }

    public void error(String message) {
        errors.add(file, path, message);
    }

    public boolean has(String key) {
        return values.get(normalize(key)) != null;
    }

    /** Every key present, as written in the file. */
    public Collection<String> keys() {
        return originalKeys.values();
    }

    private Object raw(String key) {
        read.add(normalize(key));
        return values.get(normalize(key));
    }

    public Optional<String> optionalString(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            error(key, "expected a single value, found " + describe(v));
            return Optional.empty();
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    public String requiredString(String key, String what) {
        return required(key, what, optionalString(key));
    }

    public Optional<Secret> optionalSecret(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            // the value itself is never shown: it may be a credential
            error(key, "expected a single text value");
            return Optional.empty();
        }
        String s = String.valueOf(v);
        return s.isBlank() ? Optional.empty() : Optional.of(Secret.of(s));
    }

    public Secret requiredSecret(String key, String what) {
        return required(key, what, optionalSecret(key));
    }

    /** The value, or null after reporting {@code key} as missing; {@code what} names what the key should hold. */
    private <T> T required(String key, String what, Optional<T> value) {
        if (value.isEmpty()) {
            error(key, "missing; expected " + what);
            return null;
        }
        return value.get();
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof BigInteger) {
            // beyond a long; narrowing would wrap it around, possibly into range
            error(key, plain(v) + " is out of range; expected " + min + ".." + max);
            return defaultValue;
        }
        long n;
        if (v instanceof Number num && !(v instanceof Double || v instanceof Float)) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                error(key, show(v) + " is not a whole number");
                return defaultValue;
            }
        }
        if (n < min || n > max) {
            error(key, plain(n) + " is out of range; expected " + min + ".." + max);
            return defaultValue;
        }
        return (int) n;
    }

    public long longValue(String key, long defaultValue, long min) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            // Integer/Long directly; a fraction or a BigInteger goes through parseLong, which refuses it
            long n = v instanceof Integer || v instanceof Long ? ((Number) v).longValue()
                    : Long.parseLong(String.valueOf(v).trim());
            if (n < min) {
                error(key, plain(n) + " is out of range; expected at least " + min);
                return defaultValue;
            }
            return n;
        } catch (NumberFormatException e) {
            error(key, show(v) + " is not a whole number");
            return defaultValue;
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("no")) {
            return false;
        }
        error(key, show(v) + " is not a boolean; expected true or false");
        return defaultValue;
    }

    public ZoneId zone(String key, String defaultZone) {
        String s = string(key, defaultZone);
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            error(key, show(s) + " is not an IANA time zone (e.g. America/Los_Angeles)");
            return ZoneId.of(defaultZone);
        }
    }

    public Optional<LocalDate> optionalDate(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof java.util.Date d) {
            // SnakeYAML turns an unquoted 2025-01-01 into a java.util.Date at UTC midnight
            return Optional.of(d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
        try {
            return Optional.of(LocalDate.parse(String.valueOf(v).trim()));
        } catch (DateTimeParseException e) {
            error(key, show(v) + " is not a date; expected YYYY-MM-DD");
            return Optional.empty();
        }
    }

    public LocalDate requiredDate(String key) {
        if (raw(key) == null) {
            error(key, "missing; expected a date YYYY-MM-DD");
            return null;
        }
        return optionalDate(key).orElse(null);
    }

    /** Durations as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1M}). */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = optionalString(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Duration d = Durations.parse(v.get());
        if (d == null) {
            error(key, show(v.get()) + " is not a duration; expected e.g. 500ms, 30s, 5m, 2h, 1d");
            return defaultValue;
        }
        return d;
    }

    public Path path(String key, Path baseDir, String defaultValue) {
        String s = string(key, defaultValue);
        Path p = Path.of(s);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    public List<String> stringList(String key) {
        return list(key, (item, itemPath) -> {
            if (item == null || item instanceof Map || item instanceof List) {
                errors.add(file, itemPath, "expected a text value, found " + describe(item));
                return null;
            }
            return String.valueOf(item).trim();
        });
    }

    public Map<String, String> stringMap(String key) {
        Object v = raw(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            error(key, "expected a mapping, found " + describe(v));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, val) -> out.put(String.valueOf(k), val == null ? "" : String.valueOf(val)));
        return out;
    }

    /** A nested mapping; empty (but still path-aware) when absent. */
    public ConfigNode child(String key) {
        Object v = raw(key);
        if (v != null && !(v instanceof Map)) {
            error(key, "expected a mapping, found " + describe(v));
            v = null;
        }
        return new ConfigNode(file, pathOf(key), (Map<?, ?>) v, errors, sensitive);
    }

    public boolean hasChild(String key) {
        return values.get(normalize(key)) instanceof Map;
    }

    /** A list of mappings, each located as {@code key[i]}. */
    public List<ConfigNode> children(String key) {
        return list(key, (item, itemPath) -> {
            if (item instanceof Map<?, ?> m) {
                return new ConfigNode(file, itemPath, m, errors, sensitive);
            }
            errors.add(file, itemPath, "expected a mapping, found " + describe(item));
            return null;
        });
    }

    /**
     * The items of the list at {@code key} (empty when absent), each read by {@code readItem} from the item and its
     * path {@code key[i]}. An item it cannot read it reports as an error and answers null; that item is left out.
     */
    private <T> List<T> list(String key, BiFunction<Object, String, T> readItem) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            error(key, "expected a list, found " + describe(v));
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            T item = readItem.apply(list.get(i), pathOf(key) + "[" + i + "]");
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    /** Mappings keyed by name (e.g. {@code sources: {my_org: {...}}}). */
    public Map<String, ConfigNode> namedChildren() {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        originalKeys.forEach((norm, original) -> {
            read.add(norm);
            Object v = values.get(norm);
            if (v instanceof Map<?, ?> m) {
                out.put(original, new ConfigNode(file, pathOf(original), m, errors, sensitive));
            } else {
                errors.add(file, pathOf(original), "expected a mapping, found " + describe(v));
            }
        });
        return out;
    }

    /** Marks a key as understood without reading it (handled elsewhere). */
    public void accept(String... keys) {
        for (String k : keys) {
            read.add(normalize(k));
        }
    }

    /** Reports every key that no reader asked for: a typo should fail loudly, not be ignored. */
    public void rejectUnknownKeys() {
        for (Map.Entry<String, String> e : originalKeys.entrySet()) {
            if (!read.contains(e.getKey())) {
                String hint = closest(e.getKey(), read).map(k -> " (did you mean '" + originalKeys.getOrDefault(k, k) + "'?)").orElse("");
                errors.add(file, pathOf(e.getValue()), "unknown key" + hint);
            }
        }
    }

    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream()
                .filter(k -> distance(k, key) <= Math.max(2, key.length() / 4))
                .min(Comparator.comparingInt(k -> distance(k, key)));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String quote(Object v) {
        return "'" + v + "'";
    }

    /** A value as shown in an error: quoted, or only "the value" in a secrets file. */
    private String show(Object v) {
        return sensitive ? "the value" : quote(v);
    }

    /** A number as shown in an error: as is, or only "the value" in a secrets file. */
    private String plain(Object v) {
        return sensitive ? "the value" : String.valueOf(v);
    }

    private String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return sensitive ? "a single value" : quote(v);
    }
}
