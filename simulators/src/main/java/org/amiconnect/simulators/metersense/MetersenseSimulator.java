package org.amiconnect.simulators.metersense;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.database.BastionDatabase;
import org.amiconnect.simulators.database.ScratchDatabase;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * A Metersense database (the vendor's Oracle schema, on PostgreSQL) filled from the seeded generator, behind a
 * simulated SSH bastion ({@link BastionDatabase}).
 *
 * <p>What it holds, per simulated meter: a water METERS and METERS_VIEW row (meter_tp a Metersense type code,
 * COMM_MODULE_ID = the radio endpoint), its LOCATIONS row, a METER_LOCATION_XREF link and a water ACCOUNT_SERVICES
 * row from the meter's install date, hourly INTERVALREADS (the hour's use) and REGISTERREADS (the register), READ_DTM
 * in local time, status 3 where the generator estimated. And the vendor's quirks:
 * <ul>
 *   <li>every 25th meter has an electric twin (COMMODITY_TP {@code E}) with reads and an electric account at the same
 *       location, which a client must leave out;</li>
 *   <li>every 10th meter's account changes at {@code changeAt} (the old one inactive from then, a new one active);</li>
 *   <li>every 20th meter moves at {@code changeAt} to a new location (its first link ends, a second begins);</li>
 *   <li>every 7th meter lacks its register read every 5th hour, every 11th its interval read every 6th hour;</li>
 *   <li>columns are in a different order than the predecessor's, and METERS has a column it did not know.</li>
 * </ul>
 */
public final class MetersenseSimulator {

    static final String WATER = "W";
    static final String ELECTRIC = "E";

    private MetersenseSimulator() {
    }

    /**
     * Creates a scratch schema on {@code serverUrl}, fills it with {@code source}'s utility and reads in
     * [{@code readsFrom}, {@code readsTo}), and starts the bastion in front of it.
     *
     * @throws org.amiconnect.simulators.SimulatorUnavailableException when PostgreSQL cannot be reached
     */
    public static BastionDatabase start(SimulatedSource source, String serverUrl, Instant readsFrom, Instant readsTo) {
        ScratchDatabase db = ScratchDatabase.create(serverUrl, "sim_metersense");
        try {
            UtilityGenerator utility = new UtilityGenerator(source.seed(), source.meters(), source.timezone());
            LocalDateTime changeAt = LocalDateTime.ofInstant(readsTo, source.timezone()).truncatedTo(ChronoUnit.DAYS)
                    .minusDays(1);
            fill(db, utility, readsFrom, readsTo, changeAt);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw new IllegalStateException("cannot fill the simulated Metersense database: " + e.getMessage(), e);
        }
        return BastionDatabase.start(db, source);
    }

    /** Creates the seven tables in {@code db} and fills them (see the class comment). */
    public static void fill(ScratchDatabase db, UtilityGenerator utility, Instant readsFrom, Instant readsTo,
            LocalDateTime changeAt) throws SQLException {
        db.execute(MetersenseSchema.createTable("METERS", MetersenseSchema.METERS));
        db.execute(MetersenseSchema.createTable("METERS_VIEW", MetersenseSchema.METERS_VIEW));
        db.execute(MetersenseSchema.createTable("LOCATIONS", MetersenseSchema.LOCATIONS));
        db.execute(MetersenseSchema.createTable("ACCOUNT_SERVICES", MetersenseSchema.ACCOUNT_SERVICES));
        db.execute(MetersenseSchema.createTable("METER_LOCATION_XREF", MetersenseSchema.METER_LOCATION_XREF));
        db.execute(MetersenseSchema.createTable("INTERVALREADS", MetersenseSchema.INTERVALREADS));
        db.execute(MetersenseSchema.createTable("REGISTERREADS", MetersenseSchema.REGISTERREADS));
        try (var meters = db.inserter("METERS", MetersenseSchema.names(MetersenseSchema.METERS));
             var views = db.inserter("METERS_VIEW", MetersenseSchema.names(MetersenseSchema.METERS_VIEW));
             var locations = db.inserter("LOCATIONS", MetersenseSchema.names(MetersenseSchema.LOCATIONS));
             var accounts = db.inserter("ACCOUNT_SERVICES", MetersenseSchema.names(MetersenseSchema.ACCOUNT_SERVICES));
             var xrefs = db.inserter("METER_LOCATION_XREF", MetersenseSchema.names(MetersenseSchema.METER_LOCATION_XREF));
             var intervals = db.inserter("INTERVALREADS", MetersenseSchema.names(MetersenseSchema.INTERVALREADS));
             var registers = db.inserter("REGISTERREADS", MetersenseSchema.names(MetersenseSchema.REGISTERREADS))) {
            for (SimulatedMeter m : utility.meters()) {
                LocalDateTime installed = m.meterInstallDate();
                meters.row(meter(m, WATER, m.meterId(), installed));
                Map<String, Object> view = meter(m, WATER, m.meterId(), installed);
                view.remove("add_by");
                view.remove("add_dt");
                view.remove("install_note");
                view.put("comm_module_id", m.endpointSn());
                view.put("nb_dials", m.dials());
                views.row(view);
                locations.row(location(m.locationId(), m));
                boolean moves = m.index() % 20 == 0;
                boolean accountChanges = m.index() % 10 == 0;
                if (moves) {
                    String newLocation = m.locationId() + "9";
                    locations.row(location(newLocation, m));
                    xrefs.row(xref(m.meterId(), m.locationId(), installed, changeAt));
                    xrefs.row(xref(m.meterId(), newLocation, changeAt, null));
                    accounts.row(account(m.accountId(), m.locationId(), WATER, installed, null));
                    accounts.row(account("N" + m.accountId(), newLocation, WATER, changeAt, null));
                } else {
                    xrefs.row(xref(m.meterId(), m.locationId(), installed, null));
                    if (accountChanges) {
                        accounts.row(account(m.accountId(), m.locationId(), WATER, installed, changeAt));
                        accounts.row(account("N" + m.accountId(), m.locationId(), WATER, changeAt, null));
                    } else {
                        accounts.row(account(m.accountId(), m.locationId(), WATER, installed, null));
                    }
                }
                boolean electricTwin = m.index() % 25 == 0;
                if (electricTwin) {
                    String electricId = "E" + m.meterId();
                    meters.row(meter(m, ELECTRIC, electricId, installed));
                    Map<String, Object> ev = meter(m, ELECTRIC, electricId, installed);
                    ev.remove("add_by");
                    ev.remove("add_dt");
                    ev.remove("install_note");
                    ev.put("comm_module_id", "E" + m.endpointSn());
                    views.row(ev);
                    xrefs.row(xref(electricId, m.locationId(), installed, null));
                    accounts.row(account("E" + m.accountId(), m.locationId(), ELECTRIC, installed, null));
                }
                Iterator<SimulatedRead> reads = utility.reads(m, readsFrom, readsTo).iterator();
                while (reads.hasNext()) {
                    SimulatedRead r = reads.next();
                    int hour = r.localTime().getHour();
                    if (!(m.index() % 11 == 0 && hour % 6 == 0)) {
                        intervals.row(interval(m.meterId(), r));
                    }
                    if (!(m.index() % 7 == 0 && hour % 5 == 0)) {
                        registers.row(register(m.meterId(), r));
                    }
                    if (electricTwin) {
                        intervals.row(interval("E" + m.meterId(), r));
                        registers.row(register("E" + m.meterId(), r));
                    }
                }
            }
        }
    }

    private static Map<String, Object> meter(SimulatedMeter m, String commodity, String id, LocalDateTime installed) {
        Map<String, Object> row = new HashMap<>();
        row.put("commodity_tp", commodity);
        row.put("meter_id", id);
        row.put("meter_tp", WATER.equals(commodity) ? typeCode(m.meterSize()) : "E-RES1");
        row.put("alt_meter_id", m.meterSn());
        row.put("region_id", "R1");
        row.put("interval_length", 60);
        row.put("regread_frequency", 60);
        row.put("channel1_raw_uom", m.registerUnit());
        row.put("channel1_multiplier", BigDecimal.ONE);
        row.put("channel1_final_uom", m.registerUnit());
        row.put("ami_id", m.endpointSn());
        row.put("power_status", "ON");
        row.put("latitude", BigDecimal.valueOf(m.latitude()).setScale(6, java.math.RoundingMode.HALF_UP));
        row.put("longitude", BigDecimal.valueOf(m.longitude()).setScale(6, java.math.RoundingMode.HALF_UP));
        row.put("exclude_in_reports", "N");
        row.put("add_by", "CONV");
        row.put("add_dt", installed);
        row.put("install_note", "set by " + m.manufacturer());
        return row;
    }

    /** Metersense's water meter type codes by size (5/8" meters have none the predecessor maps). */
    static String typeCode(String size) {
        return switch (size) {
            case "0.75" -> "W-DISC34";
            case "1" -> "W-DISC1";
            case "1.5" -> "W-DSC1.5";
            case "2" -> "W-DISC2";
            case "3" -> "W-TRB3";
            case "4" -> "W-TRB4";
            case "6" -> "W-TRB6";
            case "8" -> "W-TRB8";
            default -> "W-DISC58";
        };
    }

    private static Map<String, Object> location(String locationNo, SimulatedMeter m) {
        Map<String, Object> row = new HashMap<>();
        row.put("location_no", locationNo);
        row.put("street_name", m.addressLine1());
        row.put("city", m.city());
        row.put("state", m.state());
        row.put("postal_cd", m.zip());
        row.put("location_class", m.commercial() ? "COM" : "RES");
        return row;
    }

    private static Map<String, Object> xref(String meterId, String locationNo, LocalDateTime from,
            LocalDateTime until) {
        Map<String, Object> row = new HashMap<>();
        row.put("meter_id", meterId);
        row.put("location_no", locationNo);
        row.put("active_dt", from);
        row.put("inactive_dt", until);
        row.put("add_by", "CONV");
        return row;
    }

    private static Map<String, Object> account(String accountId, String locationNo, String commodity,
            LocalDateTime from, LocalDateTime until) {
        Map<String, Object> row = new HashMap<>();
        row.put("account_id", accountId);
        row.put("service_id", "S" + accountId);
        row.put("location_no", locationNo);
        row.put("commodity_tp", commodity);
        row.put("active_dt", from);
        row.put("inactive_dt", until);
        return row;
    }

    private static Map<String, Object> interval(String meterId, SimulatedRead r) {
        Map<String, Object> row = new HashMap<>();
        row.put("meter_id", meterId);
        row.put("channel_id", 1);
        row.put("read_dtm", r.localTime());
        row.put("read_dt", r.localTime().truncatedTo(ChronoUnit.DAYS));
        row.put("read_hr", r.localTime().getHour() + 1);
        row.put("read_value", new BigDecimal(r.flowString()));
        row.put("uom", r.flowUnit());
        row.put("status", status(r));
        row.put("read_version", 1);
        return row;
    }

    private static Map<String, Object> register(String meterId, SimulatedRead r) {
        Map<String, Object> row = new HashMap<>();
        row.put("meter_id", meterId);
        row.put("channel_id", 1);
        row.put("read_dtm", r.localTime());
        row.put("read_value", new BigDecimal(r.readString()));
        row.put("uom", r.readUnit());
        row.put("status", status(r));
        row.put("read_version", 1);
        return row;
    }

    /** 1 = passed validation, 3 = estimated (the vendor's status codes). */
    private static String status(SimulatedRead r) {
        return r.estimated() ? "3" : "1";
    }
}
