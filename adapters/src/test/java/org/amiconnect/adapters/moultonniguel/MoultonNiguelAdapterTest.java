package org.amiconnect.adapters.moultonniguel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.EntityPlan;
import org.amiconnect.core.adapter.EntityRole;
import org.amiconnect.core.adapter.RawEntity;
import org.amiconnect.core.schedule.ScheduledExtract;
import org.junit.jupiter.api.Test;

class MoultonNiguelAdapterTest {

    private final MoultonNiguelAdapter adapter = new MoultonNiguelAdapter();

    @Test
    void isFoundByServiceLoaderUnderItsType() {
        assertThat(AdapterCatalog.load().get("xylem_moulton_niguel")).isInstanceOf(MoultonNiguelAdapter.class);
    }

    @Test
    void keepsThePredecessorsRawTablesAndKeysPlusTheMeterHistory() {
        assertThat(adapter.rawEntities()).extracting(RawEntity::table).containsExactlyInAnyOrder(
                "xylem_moulton_niguel_meter_base", "xylem_moulton_niguel_service_point_base",
                "xylem_moulton_niguel_customer_base", "xylem_moulton_niguel_ami_base",
                "xylem_moulton_niguel_register_read_base", "xylem_moulton_niguel_meter_history_base");
        assertThat(MoultonNiguelAdapter.SERVICE_POINT.uniqueBy()).containsExactly("service_address", "service_point");
        assertThat(MoultonNiguelAdapter.AMI.uniqueBy()).containsExactly("id");
    }

    @Test
    void extractsSixDaysDailyBecauseTheSourceLags() {
        assertThat(adapter.scheduledExtracts()).containsExactly(
                new ScheduledExtract("standard", Duration.ofDays(6), Duration.ZERO, "0 12 * * *"));
    }

    @Test
    void joinsAmiAndRegisterHalvesToTheMeterAndItsHistoryAtEachReadsTime() {
        assertThat(adapter.streamPlan().entities()).filteredOn(e -> e.role() == EntityRole.READS)
                .extracting(EntityPlan::entity)
                .containsExactly(MoultonNiguelAdapter.AMI, MoultonNiguelAdapter.REGISTER_READ);
        assertThat(adapter.streamPlan().entities()).filteredOn(EntityPlan::pointInTime).extracting(EntityPlan::entity)
                .containsExactly(MoultonNiguelAdapter.METER_HISTORY);
        assertThat(adapter.streamPlan().rules().readsInHalves()).isTrue();
    }
}
