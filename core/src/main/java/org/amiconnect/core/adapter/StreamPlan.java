package org.amiconnect.core.adapter;

import java.util.List;

/**
 * How the transformer assembles a vendor's sub-topology: the join role of each raw entity and the vendor's grace and
 * ordering rules. The transformer knows no vendor; it builds what this declares.
 *
 * <p>Contract for joins: every raw record of a vendor with {@link EntityRole#METADATA} entities is keyed
 * {@code org_id|device_id} (see {@code RecordKeys}), and all the vendor's raw topics have the same partition count,
 * so a meter's metadata and its reads meet in one stream task. The reads of one {@link EntityRole#READS} record belong
 * to one device (they wait for, and are released by, that device's metadata together).
 *
 * @param entities one plan per raw entity of the vendor
 * @param rules graces and what happens after them
 */
public record StreamPlan(List<EntityPlan> entities, JoinRules rules) {

    public StreamPlan {
        entities = List.copyOf(entities);
    }

    /** Every entity is a whole row (a meter and its reads in one record). */
    public static StreamPlan wholeRows(List<RawEntity> entities) {
        return new StreamPlan(entities.stream().map(EntityPlan::row).toList(), JoinRules.WHOLE_ROWS);
    }

    public boolean joins() {
        return entities.stream().anyMatch(e -> e.role() == EntityRole.METADATA);
    }
}
