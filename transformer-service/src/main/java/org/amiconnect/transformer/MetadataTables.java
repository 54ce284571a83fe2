package org.amiconnect.transformer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * A vendor's metadata entities as tables keyed org|device: each holds the partial meter its entity last described,
 * or, for point-in-time entities, every version by its validity start (a versioned store), so a read takes the
 * account and location valid at its flowtime. A meter is the field-by-field merge of its entities, in declared order.
 */
final class MetadataTables {

    /** Metadata that holds "from always" is stored at this version time. */
    static final long ALWAYS = 0L;

    private final List<Table> tables = new ArrayList<>();

    private record Table(String entity, KeyValueStore<String, GeneralMeter> latest,
            VersionedKeyValueStore<String, GeneralMeter> versions) {

        GeneralMeter latest(String key) {
            if (latest != null) {
                return latest.get(key);
            }
            VersionedRecord<GeneralMeter> r = versions.get(key);
            return r == null ? null : r.value();
        }

        GeneralMeter asOf(String key, long ms) {
            if (latest != null) {
                return latest.get(key);
            }
            VersionedRecord<GeneralMeter> r = versions.get(key, ms);
            return r == null ? null : r.value();
        }
    }

    MetadataTables(ProcessorContext<?, ?> context, VendorStores stores, List<EntityRuntime> metadataEntities) {
        for (EntityRuntime e : metadataEntities) {
            String name = stores.metadata(e.plan.entity().name());
            if (e.plan.pointInTime()) {
                tables.add(new Table(e.name, null, context.getStateStore(name)));
            } else {
                tables.add(new Table(e.name, context.getStateStore(name), null));
            }
        }
    }

    /**
     * Stores what one entity says about a meter.
     *
     * @return false when a point-in-time version is older than the history retention and was not kept
     */
    boolean put(String entity, String key, GeneralMeter partial, Instant validFrom) {
        for (Table t : tables) {
            if (t.entity.equals(entity)) {
                if (t.latest != null) {
                    t.latest.put(key, partial);
                    return true;
                }
                long at = validFrom == null ? ALWAYS : validFrom.toEpochMilli();
                return t.versions.put(key, partial, at) != VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT;
            }
        }
        throw new IllegalArgumentException("not a metadata entity: " + entity);
    }

    /** The newest metadata of one meter, one store read per table, shared by one record's checks and enrichment. */
    final class Latest {

        private final String key;
        private final GeneralMeter[] perTable;

        private Latest(String key) {
            this.key = key;
            this.perTable = new GeneralMeter[tables.size()];
            for (int i = 0; i < perTable.length; i++) {
                perTable[i] = tables.get(i).latest(key);
            }
        }

        /** Every metadata entity has described the meter (at some time): its reads need not wait. */
        boolean complete() {
            for (GeneralMeter m : perTable) {
                if (m == null) {
                    return false;
                }
            }
            return true;
        }

        /** The meter as its entities describe it now, or null when none has. */
        GeneralMeter merged() {
            GeneralMeter merged = null;
            for (GeneralMeter m : perTable) {
                merged = merge(merged, m);
            }
            return merged;
        }

        String meterSize() {
            String size = null;
            for (GeneralMeter m : perTable) {
                if (m != null && m.getMeterSize() != null) {
                    size = m.getMeterSize();
                }
            }
            return size;
        }

        /**
         * Sets the account and location the metadata says were valid at the read's flowtime (point-in-time tables are
         * read as of the flowtime, the others as they are now; a later table wins); where it says nothing, the read
         * keeps its own.
         *
         * @return {@code read}, changed in place
         */
        GeneralMeterRead enrich(GeneralMeterRead read) {
            long at = read.getFlowtime().toEpochMilli();
            String account = null;
            String location = null;
            for (int i = 0; i < perTable.length; i++) {
                Table t = tables.get(i);
                GeneralMeter m = t.latest != null ? perTable[i] : t.asOf(key, at);
                if (m != null) {
                    account = m.getAccountId() != null ? m.getAccountId() : account;
                    location = m.getLocationId() != null ? m.getLocationId() : location;
                }
            }
            if (account != null) {
                read.setAccountId(account);
            }
            if (location != null) {
                read.setLocationId(location);
            }
            return read;
        }
    }

    /** Reads the newest metadata of meter {@code key} (org|device) from every table. */
    Latest latest(String key) {
        return new Latest(key);
    }

    private static GeneralMeter merge(GeneralMeter base, GeneralMeter next) {
        if (next == null) {
            return base;
        }
        if (base == null) {
            return GeneralMeter.newBuilder(next).build();
        }
        GeneralMeter merged = GeneralMeter.newBuilder(base).build();
        for (int i = 0; i < merged.getSchema().getFields().size(); i++) {
            if (next.get(i) != null) {
                merged.put(i, next.get(i));
            }
        }
        return merged;
    }
}
