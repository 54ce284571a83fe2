package org.amiconnect.adapters.moultonniguel;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.amiconnect.adapters.jdbc.DatabaseRun;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelAmi;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelCustomer;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeter;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelMeterHistory;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelRegisterRead;
import org.amiconnect.schemas.raw.moultonniguel.MoultonNiguelServicePoint;

/**
 * The Moulton Niguel queries of one run (python-ami-connect §2.7), over an open connection: meter, service_point and
 * customer whole, the meter histories derived from them, then ami and register_read for datetime in the window.
 */
final class MoultonNiguelClient {

    private MoultonNiguelClient() {
    }

    /**
     * @param start the window's start (inclusive, UTC)
     * @param end the window's end (exclusive, UTC)
     * @param horizon local time after which the tables' period boundaries are ignored (open ends)
     */
    static void extract(DatabaseRun run, OffsetDateTime start, OffsetDateTime end, LocalDateTime horizon)
            throws ExtractException, InterruptedException {
        run.publish(MoultonNiguelAdapter.METER, MoultonNiguelMeter.getClassSchema(), MoultonNiguelMeter::new,
                source(MoultonNiguelTables.METER), MoultonNiguelTables.METERS_CURRENT_LAST, List.of(),
                MoultonNiguelTables.METER_REQUIRED, MoultonNiguelMeter::getMeterId);
        run.publish(MoultonNiguelAdapter.SERVICE_POINT, MoultonNiguelServicePoint.getClassSchema(),
                MoultonNiguelServicePoint::new, source(MoultonNiguelTables.SERVICE_POINT),
                MoultonNiguelTables.all(MoultonNiguelTables.SERVICE_POINT), List.of(),
                MoultonNiguelTables.SERVICE_POINT_REQUIRED,
                sp -> sp.getServiceAddress() + "-" + sp.getServicePoint());
        run.publish(MoultonNiguelAdapter.CUSTOMER, MoultonNiguelCustomer.getClassSchema(), MoultonNiguelCustomer::new,
                source(MoultonNiguelTables.CUSTOMER), MoultonNiguelTables.all(MoultonNiguelTables.CUSTOMER), List.of(),
                MoultonNiguelTables.CUSTOMER_REQUIRED, MoultonNiguelCustomer::getServiceAddress);
        publishHistories(run, horizon);
        List<Object> window = List.of(start, end);
        run.publish(MoultonNiguelAdapter.AMI, MoultonNiguelAmi.getClassSchema(), MoultonNiguelAmi::new,
                source(MoultonNiguelTables.AMI), MoultonNiguelTables.reads(MoultonNiguelTables.AMI), window,
                MoultonNiguelTables.AMI_REQUIRED, MoultonNiguelAmi::getEncid);
        run.publish(MoultonNiguelAdapter.REGISTER_READ, MoultonNiguelRegisterRead.getClassSchema(),
                MoultonNiguelRegisterRead::new, source(MoultonNiguelTables.REGISTER_READ),
                MoultonNiguelTables.reads(MoultonNiguelTables.REGISTER_READ), window,
                MoultonNiguelTables.REGISTER_REQUIRED, MoultonNiguelRegisterRead::getEncid);
    }

    private static void publishHistories(DatabaseRun run, LocalDateTime horizon)
            throws ExtractException, InterruptedException {
        String source = "xylem_moulton_niguel meter history (meter, service_point, customer)";
        long[] n = {0};
        MoultonNiguelMeterHistories histories = new MoultonNiguelMeterHistories(horizon, v -> {
            n[0]++;
            run.publishDerived(MoultonNiguelAdapter.METER_HISTORY, v.meterId(), MoultonNiguelMeterHistory.newBuilder()
                    .setMeterId(v.meterId()).setValidFrom(v.validFrom()).setServiceAddress(v.serviceAddress())
                    .setServicePoint(v.servicePoint()).setAccountId(v.accountId()).setAssetAddress(v.assetAddress())
                    .setAssetCity(v.assetCity()).setAssetZip(v.assetZip()).setExtract(run.extract(source, n[0]))
                    .build());
        });
        run.scan(source, MoultonNiguelTables.METER_LINKS, List.of(), histories::row);
        histories.flush();
    }

    private static String source(String table) {
        return "xylem_moulton_niguel " + table;
    }
}
