package org.amiconnect.core.adapter;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.amiconnect.core.config.SourceTypes;

/** The vendor adapters on the classpath, by config {@code type}: the source types configuration accepts. */
public final class AdapterCatalog implements SourceTypes {

    private final Map<String, SourceAdapter> byType;

    private AdapterCatalog(Map<String, SourceAdapter> byType) {
        this.byType = byType;
    }

    public static AdapterCatalog load() {
        return load(AdapterCatalog.class.getClassLoader());
    }

    public static AdapterCatalog load(ClassLoader loader) {
        Map<String, SourceAdapter> byType = new TreeMap<>();
        for (SourceAdapter adapter : ServiceLoader.load(SourceAdapter.class, loader)) {
            SourceAdapter previous = byType.putIfAbsent(adapter.type(), adapter);
            if (previous != null && previous.getClass() != adapter.getClass()) {
                throw new IllegalStateException("Two adapters claim type '" + adapter.type() + "': "
                        + previous.getClass().getName() + " and " + adapter.getClass().getName());
            }
        }
        return new AdapterCatalog(byType);
    }

    @Override
    public Optional<SourceAdapter> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public SourceAdapter get(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException(
                "No adapter for source type '" + type + "'; known types: " + String.join(", ", types())));
    }

    @Override
    public Collection<String> types() {
        return byType.keySet();
    }

    public Collection<SourceAdapter> all() {
        return byType.values();
    }
}
