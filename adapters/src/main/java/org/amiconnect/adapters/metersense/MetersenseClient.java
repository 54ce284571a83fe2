package org.amiconnect.adapters.metersense;

import java.time.LocalDateTime;
import java.util.List;

import org.amiconnect.adapters.jdbc.DatabaseRun;
import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.metersense.MetersenseAccountService;
import org.amiconnect.schemas.raw.metersense.MetersenseIntervalRead;
import org.amiconnect.schemas.raw.metersense.MetersenseLocation;
import org.amiconnect.schemas.raw.metersense.MetersenseMeter;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterHistory;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterLocationXref;
import org.amiconnect.schemas.raw.metersense.MetersenseMeterView;
import org.amiconnect.schemas.raw.metersense.MetersenseRegisterRead;

/**
 * The Metersense queries of one run (python-ami-connect §2.3), over an open connection: the five metadata tables
 * whole, the meter histories derived from them, and the two read tables for READ_DTM in the window. Reads go last,
 * after the meters they join to. JDBC only: no Kafka, no Avro beyond the raw records handed to the run.
 */
final class MetersenseClient {

    private MetersenseClient() {
    }

    /**
     * @param start first local READ_DTM of the window (inclusive)
     * @param end local READ_DTM at which the window ends (exclusive)
     */
    static void extract(DatabaseRun run, LocalDateTime start, LocalDateTime end)
            throws ExtractException, InterruptedException {
        String t;
        t = MetersenseTables.METERS;
        run.publish(MetersenseAdapter.METERS, MetersenseMeter.getClassSchema(), MetersenseMeter::new, source(t),
                MetersenseTables.all(t), List.of(), MetersenseTables.METER_REQUIRED, MetersenseMeter::getMeterId);
        t = MetersenseTables.METERS_VIEW;
        run.publish(MetersenseAdapter.METERS_VIEW, MetersenseMeterView.getClassSchema(), MetersenseMeterView::new,
                source(t), MetersenseTables.all(t), List.of(), MetersenseTables.VIEW_REQUIRED,
                MetersenseMeterView::getMeterId);
        t = MetersenseTables.LOCATIONS;
        run.publish(MetersenseAdapter.LOCATIONS, MetersenseLocation.getClassSchema(), MetersenseLocation::new,
                source(t), MetersenseTables.all(t), List.of(), MetersenseTables.LOCATION_REQUIRED,
                MetersenseLocation::getLocationNo);
        t = MetersenseTables.ACCOUNT_SERVICES;
        run.publish(MetersenseAdapter.ACCOUNT_SERVICES, MetersenseAccountService.getClassSchema(),
                MetersenseAccountService::new, source(t), MetersenseTables.all(t), List.of(),
                MetersenseTables.ACCOUNT_REQUIRED, MetersenseAccountService::getLocationNo);
        t = MetersenseTables.METER_LOCATION_XREF;
        run.publish(MetersenseAdapter.METER_LOCATION_XREF, MetersenseMeterLocationXref.getClassSchema(),
                MetersenseMeterLocationXref::new, source(t), MetersenseTables.all(t), List.of(),
                MetersenseTables.XREF_REQUIRED, MetersenseMeterLocationXref::getMeterId);
        // open ends are often written as far-future dates; a year ahead is past any read of this run
        publishHistories(run, end.plusYears(1));
        List<Object> window = List.of(start, end);
        t = MetersenseTables.INTERVALREADS;
        run.publish(MetersenseAdapter.INTERVALREADS, MetersenseIntervalRead.getClassSchema(),
                MetersenseIntervalRead::new, source(t), MetersenseTables.reads(t), window,
                MetersenseTables.INTERVAL_REQUIRED, MetersenseIntervalRead::getMeterId);
        t = MetersenseTables.REGISTERREADS;
        run.publish(MetersenseAdapter.REGISTERREADS, MetersenseRegisterRead.getClassSchema(),
                MetersenseRegisterRead::new, source(t), MetersenseTables.reads(t), window,
                MetersenseTables.REGISTER_REQUIRED, MetersenseRegisterRead::getMeterId);
    }

    private static void publishHistories(DatabaseRun run, LocalDateTime horizon)
            throws ExtractException, InterruptedException {
        String source = "metersense meter history (METER_LOCATION_XREF, LOCATIONS, ACCOUNT_SERVICES)";
        long[] n = {0};
        MetersenseMeterHistories histories = new MetersenseMeterHistories(horizon, v -> {
            n[0]++;
            ExtractMetadata extract = run.extract(source, n[0]);
            run.publishDerived(MetersenseAdapter.METER_HISTORY, v.meterId(), MetersenseMeterHistory.newBuilder()
                    .setMeterId(v.meterId()).setValidFrom(v.validFrom()).setLocationNo(v.locationNo())
                    .setAccountId(v.accountId()).setStreetName(v.streetName()).setCity(v.city()).setState(v.state())
                    .setPostalCd(v.postalCode()).setExtract(extract).build());
        });
        run.scan(source, MetersenseTables.METER_LINKS, List.of(), histories::row);
        histories.flush();
    }

    private static String source(String table) {
        return "metersense " + table;
    }
}
