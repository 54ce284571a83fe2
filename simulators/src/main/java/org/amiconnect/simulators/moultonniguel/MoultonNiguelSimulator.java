package org.amiconnect.simulators.moultonniguel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.amiconnect.simulators.SimulatedSource;
import org.amiconnect.simulators.database.BastionDatabase;
import org.amiconnect.simulators.database.ScratchDatabase;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * Xylem's Moulton Niguel Redshift (on PostgreSQL) filled from the seeded generator, behind a simulated SSH bastion
 * ({@link BastionDatabase}). Its own column lists, independent of the adapter's (the simulator is the oracle the
 * client is tested against), in an order unlike the predecessor's dataclasses.
 *
 * <p>Per simulated meter: a meter row (meter_id, ert_id = radio endpoint, service_address = the location, service
 * point 1, dated from the install date to the open end 9999-01-01), its service_point row (asset address), a customer
 * at the service address, and hourly ami (consumption, cubic feet) and register_read (reg_read, cubic feet) rows with
 * datetime as {@code timestamptz}. Quirks:
 * <ul>
 *   <li>every 10th meter had its radio swapped on {@code changeOn}: an older meter row with another ert_id ends that
 *       day and the current one starts it;</li>
 *   <li>every 8th service address changes customer on {@code changeOn};</li>
 *   <li>every 9th meter's register read is missing every 4th hour.</li>
 * </ul>
 */
public final class MoultonNiguelSimulator {

    static final LocalDate OPEN_END = LocalDate.of(9999, 1, 1);

    private MoultonNiguelSimulator() {
    }

    /**
     * Creates a scratch schema on {@code serverUrl}, fills it with {@code source}'s utility and reads in
     * [{@code readsFrom}, {@code readsTo}), and starts the bastion in front of it.
     *
     * @throws org.amiconnect.simulators.SimulatorUnavailableException when PostgreSQL cannot be reached
     */
    public static BastionDatabase start(SimulatedSource source, String serverUrl, Instant readsFrom, Instant readsTo) {
        ScratchDatabase db = ScratchDatabase.create(serverUrl, "sim_moultonniguel");
        try {
            UtilityGenerator utility = new UtilityGenerator(source.seed(), source.meters(), source.timezone());
            LocalDate changeOn = LocalDate.ofInstant(readsTo, source.timezone()).minusDays(1);
            fill(db, utility, readsFrom, readsTo, changeOn);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw new IllegalStateException("cannot fill the simulated Moulton Niguel database: " + e.getMessage(), e);
        }
        return BastionDatabase.start(db, source);
    }

    /** Creates the five tables in {@code db} and fills them (see the class comment). */
    public static void fill(ScratchDatabase db, UtilityGenerator utility, Instant readsFrom, Instant readsTo,
            LocalDate changeOn) throws SQLException {
        List<String> meter = List.of("meter_id", "ert_id", "id", "service_address", "service_point", "start_date",
                "end_date", "account_rate_code", "meter_status", "meter_id_2", "meter_manufacturer",
                "number_of_dials", "spd_meter_mult", "spd_meter_size", "spd_usage_uom", "asset_number",
                "is_current", "batch_id");
        List<String> servicePoint = List.of("service_point", "service_address", "asset_address", "asset_city",
                "asset_zip", "account_billing_cycle", "read_cycle", "sdp_id", "sdp_lat", "sdp_lon", "service_route",
                "start_date", "end_date", "is_current", "batch_id");
        List<String> customer = List.of("account_id", "id", "service_address", "start_date", "end_date",
                "account_rate_code", "service_type", "account_status", "customer_number", "customer_cell_phone",
                "customer_email", "customer_home_phone", "customer_name", "billing_format_code", "is_current",
                "batch_id");
        List<String> ami = List.of("datetime", "encid", "consumption", "id", "code", "service_address",
                "service_point", "batch_id", "meter_serial_id", "ert_id");
        List<String> register = List.of("datetime", "encid", "reg_read", "id", "code", "service_address",
                "service_point", "batch_id", "meter_serial_id", "ert_id");
        db.execute(create("meter", meter, Map.of("start_date", "DATE", "end_date", "DATE", "number_of_dials",
                "NUMERIC(2)", "spd_meter_mult", "NUMERIC(12,4)", "spd_meter_size", "NUMERIC(6,3)")));
        db.execute(create("service_point", servicePoint, Map.of("start_date", "DATE", "end_date", "DATE",
                "sdp_lat", "NUMERIC(10,6)", "sdp_lon", "NUMERIC(10,6)")));
        db.execute(create("customer", customer, Map.of("start_date", "DATE", "end_date", "DATE")));
        db.execute(create("ami", ami, Map.of("datetime", "TIMESTAMPTZ", "consumption", "NUMERIC(14,4)")));
        db.execute(create("register_read", register, Map.of("datetime", "TIMESTAMPTZ", "reg_read",
                "NUMERIC(16,4)")));
        long ids = 0;
        try (var meters = db.inserter("meter", meter);
             var points = db.inserter("service_point", servicePoint);
             var customers = db.inserter("customer", customer);
             var amis = db.inserter("ami", ami);
             var registers = db.inserter("register_read", register)) {
            for (SimulatedMeter m : utility.meters()) {
                LocalDate installed = m.meterInstallDate().toLocalDate();
                String address = m.locationId();
                boolean swapped = m.index() % 10 == 0;
                if (swapped) {
                    meters.row(meterRow(++ids, m, "9" + m.endpointSn(), installed, changeOn, "N"));
                    meters.row(meterRow(++ids, m, m.endpointSn(), changeOn, OPEN_END, "Y"));
                } else {
                    meters.row(meterRow(++ids, m, m.endpointSn(), installed, OPEN_END, "Y"));
                }
                Map<String, Object> sp = new HashMap<>();
                sp.put("service_address", address);
                sp.put("service_point", "1");
                sp.put("asset_address", m.addressLine1());
                sp.put("asset_city", m.city());
                sp.put("asset_zip", m.zip());
                sp.put("start_date", installed);
                sp.put("end_date", OPEN_END);
                sp.put("is_current", "Y");
                points.row(sp);
                if (m.index() % 8 == 0) {
                    customers.row(customerRow(++ids, m.accountId(), address, installed, changeOn));
                    customers.row(customerRow(++ids, "N" + m.accountId(), address, changeOn, OPEN_END));
                } else {
                    customers.row(customerRow(++ids, m.accountId(), address, installed, OPEN_END));
                }
                Iterator<SimulatedRead> reads = utility.reads(m, readsFrom, readsTo).iterator();
                while (reads.hasNext()) {
                    SimulatedRead r = reads.next();
                    OffsetDateTime at = r.instant().atOffset(utility.zone().getRules().getOffset(r.instant()));
                    amis.row(readRow(++ids, m, at, "consumption", r.flowCf()));
                    if (!(m.index() % 9 == 0 && r.localTime().getHour() % 4 == 0)) {
                        registers.row(readRow(++ids, m, at, "reg_read", r.registerCf()));
                    }
                }
            }
        }
    }

    private static Map<String, Object> meterRow(long id, SimulatedMeter m, String ert, LocalDate from, LocalDate until,
            String current) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", Long.toString(id));
        row.put("meter_id", m.meterId());
        row.put("ert_id", ert);
        row.put("service_address", m.locationId());
        row.put("service_point", "1");
        row.put("start_date", from);
        row.put("end_date", until);
        row.put("meter_manufacturer", m.manufacturer());
        row.put("number_of_dials", m.dials());
        row.put("spd_meter_mult", BigDecimal.ONE);
        row.put("spd_meter_size", new BigDecimal(m.meterSize()));
        row.put("spd_usage_uom", "CF");
        row.put("meter_status", "ACTIVE");
        row.put("is_current", current);
        return row;
    }

    private static Map<String, Object> customerRow(long id, String account, String address, LocalDate from,
            LocalDate until) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", Long.toString(id));
        row.put("account_id", account);
        row.put("service_address", address);
        row.put("start_date", from);
        row.put("end_date", until);
        row.put("account_status", "ACTIVE");
        return row;
    }

    private static Map<String, Object> readRow(long id, SimulatedMeter m, OffsetDateTime at, String column,
            double cubicFeet) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", Long.toString(id));
        row.put("encid", m.meterId());
        row.put("datetime", at);
        row.put(column, BigDecimal.valueOf(cubicFeet).setScale(4, RoundingMode.HALF_EVEN));
        row.put("code", "R1");
        row.put("service_address", m.locationId());
        row.put("service_point", "1");
        row.put("meter_serial_id", m.meterSn());
        row.put("ert_id", m.endpointSn());
        return row;
    }

    private static String create(String table, List<String> columns, Map<String, String> types) {
        return "CREATE TABLE " + table + " (" + String.join(", ", columns.stream()
                .map(c -> c + " " + types.getOrDefault(c, "VARCHAR(80)")).toList()) + ")";
    }
}
