package org.amiconnect.transformer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.JoinRules;

/**
 * One vendor's sub-topology as its processors see it: its entities, stores, rules and the names of its sinks (each
 * vendor has its own sinks, so vendors never share a sub-topology).
 */
final class VendorRuntime {

    final String vendor;
    final VendorStores stores;
    final JoinRules rules;
    final Map<String, EntityRuntime> entitiesByName;
    final List<EntityRuntime> metadataEntities;
    final String metersSink;
    final String readsSink;
    final String deadLetterSink;

    VendorRuntime(String vendor, JoinRules rules, List<EntityRuntime> entities) {
        this.vendor = vendor;
        this.stores = new VendorStores(vendor);
        this.rules = rules;
        this.entitiesByName = entities.stream().collect(Collectors.toUnmodifiableMap(e -> e.name, Function.identity()));
        this.metadataEntities = entities.stream().filter(e -> e.plan.role() == EntityRole.METADATA).toList();
        this.metersSink = "meters." + vendor;
        this.readsSink = "meter-reads." + vendor;
        this.deadLetterSink = "dead-letters." + vendor;
    }

    boolean joins() {
        return !metadataEntities.isEmpty();
    }
}
