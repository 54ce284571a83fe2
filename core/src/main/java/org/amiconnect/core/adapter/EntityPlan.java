package org.amiconnect.core.adapter;

/**
 * The join role of one raw entity.
 *
 * @param entity the raw entity (one raw topic)
 * @param role table, stream or whole row
 * @param pointInTime for {@link EntityRole#METADATA} only: keep every version of the metadata by its validity start
 *     ({@link Normalized#validFrom()}) so a read takes the version valid at its flowtime, not the latest; the source of
 *     the rule is the predecessor's time-bounded account/location lookups (Metersense, Moulton Niguel)
 */
public record EntityPlan(RawEntity entity, EntityRole role, boolean pointInTime) {

    public EntityPlan {
        if (pointInTime && role != EntityRole.METADATA) {
            throw new IllegalArgumentException("only metadata can be looked up at a point in time: " + entity.name());
        }
    }

    public static EntityPlan row(RawEntity entity) {
        return new EntityPlan(entity, EntityRole.ROW, false);
    }

    public static EntityPlan reads(RawEntity entity) {
        return new EntityPlan(entity, EntityRole.READS, false);
    }

    public static EntityPlan metadata(RawEntity entity) {
        return new EntityPlan(entity, EntityRole.METADATA, false);
    }

    /** Metadata looked up as of each read's flowtime. */
    public static EntityPlan versionedMetadata(RawEntity entity) {
        return new EntityPlan(entity, EntityRole.METADATA, true);
    }
}
