package org.amiconnect.adapters.metersense;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.adapter.StreamPlan;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.amiconnect.core.topics.Topics;
import org.junit.jupiter.api.Test;

class MetersenseAdapterTest {

    private final MetersenseAdapter adapter = new MetersenseAdapter();

    @Test
    void isFoundByServiceLoaderUnderItsType() {
        assertThat(AdapterCatalog.load().get("metersense")).isInstanceOf(MetersenseAdapter.class);
        assertThat(adapter.vendor()).isEqualTo("metersense");
    }

    @Test
    void keepsThePredecessorsSevenRawTablesAndTheirKeysPlusTheMeterHistory() {
        assertThat(adapter.rawEntities()).extracting(RawEntity::table).containsExactlyInAnyOrder(
                "metersense_account_services_base", "metersense_locations_base", "metersense_meters_base",
                "metersense_meters_view_base", "metersense_meter_location_xref_base",
                "metersense_intervalreads_base", "metersense_registerreads_base", "metersense_meter_history_base");
        assertThat(MetersenseAdapter.ACCOUNT_SERVICES.uniqueBy()).containsExactly("account_id", "location_no",
                "inactive_dt");
        assertThat(MetersenseAdapter.METER_LOCATION_XREF.uniqueBy()).containsExactly("meter_id", "inactive_dt");
        assertThat(MetersenseAdapter.INTERVALREADS.uniqueBy()).containsExactly("meter_id", "read_dtm");
        for (RawEntity e : adapter.rawEntities()) {
            for (String column : e.uniqueBy()) {
                assertThat(org.apache.avro.specific.SpecificData.get().getSchema(e.recordClass()).getField(column))
                        .as(e.name() + "." + column).isNotNull();
            }
        }
        assertThat(new Topics("").raw(MetersenseAdapter.INTERVALREADS)).isEqualTo("ami.raw.metersense.intervalreads");
    }

    @Test
    void extractsThreeDaysDailyBecauseReadsArriveUpToTwoDaysLate() {
        assertThat(adapter.scheduledExtracts()).containsExactly(
                new ScheduledExtract("standard", Duration.ofDays(3), Duration.ZERO, "0 12 * * *"));
    }

    @Test
    void joinsReadHalvesToMetersAndTheirHistoryAtEachReadsTime() {
        StreamPlan plan = adapter.streamPlan();

        assertThat(plan.joins()).isTrue();
        assertThat(plan.entities()).filteredOn(e -> e.role() == EntityRole.READS).extracting(EntityPlan::entity)
                .containsExactly(MetersenseAdapter.INTERVALREADS, MetersenseAdapter.REGISTERREADS);
        assertThat(plan.entities()).filteredOn(EntityPlan::pointInTime).extracting(EntityPlan::entity)
                .containsExactly(MetersenseAdapter.METER_HISTORY);
        assertThat(plan.entities()).filteredOn(e -> e.role() == EntityRole.METADATA).hasSize(3);
        assertThat(plan.rules().readsInHalves()).isTrue();
        assertThat(plan.rules().afterGrace()).isEqualTo(AfterGrace.EMIT_WITHOUT_METADATA);
        assertThat(plan.entities()).hasSameSizeAs(adapter.rawEntities());
    }
}
