package org.amiconnect.adapters.moultonniguel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.amiconnect.adapters.jdbc.MeterVersions;

/**
 * Where each Moulton Niguel meter was installed, and whose account it served, over time (python-ami-connect §2.7,
 * point-in-time matching): built from the rows of {@link MoultonNiguelTables#METER_LINKS}, one meter at a time, as
 * {@link MeterVersions}.
 *
 * <p>On a date d, the meter's row is the one with start_date ≤ d < end_date (where rows overlap, the one started
 * last); its location is {@code <service_address>-<service_point>} with the service point's address, and its account
 * the customer at that service address with start_date ≤ d < end_date (where they overlap, the one started last).
 * The predecessor compared the dates as text; here they are dates. It also required the read's ert_id to equal the
 * meter row's; a read here is attributed by its meter (encid) and time only, since an ert swap on a meter
 * is a new meter row with its own dates.
 */
final class MoultonNiguelMeterHistories {

    /** One version of a meter from {@code validFrom} (a date; null = always). */
    record Version(String meterId, String validFrom, String serviceAddress, String servicePoint, String accountId,
            String assetAddress, String assetCity, String assetZip) {
    }

    private record Row(String serviceAddress, String servicePoint, LocalDateTime from, LocalDateTime until,
            String assetAddress, String assetCity, String assetZip) {
    }

    private record Customer(String accountId, LocalDateTime from, LocalDateTime until) {
    }

    private record State(Row row, String accountId) {
    }

    private final Consumer<Version> out;
    private final LocalDateTime horizon;
    private String meterId;
    private final Map<Row, List<Customer>> rows = new LinkedHashMap<>();

    /**
     * @param horizon local time after which period boundaries are ignored (open ends written as far-future dates)
     * @param out receives each meter's versions when the meter's rows are complete
     */
    MoultonNiguelMeterHistories(LocalDateTime horizon, Consumer<Version> out) {
        this.out = out;
        this.horizon = horizon;
    }

    /** Takes one row of {@link MoultonNiguelTables#METER_LINKS}. */
    void row(ResultSet r) throws SQLException {
        meterRow(r.getString("meter_id"), r.getString("service_address"), r.getString("service_point"),
                date(r, "start_date"), date(r, "end_date"), r.getString("asset_address"), r.getString("asset_city"),
                r.getString("asset_zip"), r.getString("account_id"), date(r, "customer_start_date"),
                date(r, "customer_end_date"));
    }

    /**
     * Takes one meter row with its service point's address and one customer at its service address (null: none).
     * Rows of one meter come together.
     */
    void meterRow(String meter, String serviceAddress, String servicePoint, LocalDateTime from, LocalDateTime until,
            String assetAddress, String assetCity, String assetZip, String account, LocalDateTime customerFrom,
            LocalDateTime customerUntil) {
        if (!meter.equals(meterId)) {
            flush();
            meterId = meter;
        }
        Row row = new Row(serviceAddress, servicePoint, from, until, assetAddress, assetCity, assetZip);
        List<Customer> customers = rows.computeIfAbsent(row, k -> new ArrayList<>());
        if (account != null) {
            customers.add(new Customer(account, customerFrom, customerUntil));
        }
    }

    void flush() {
        if (meterId == null) {
            return;
        }
        List<LocalDateTime> boundaries = new ArrayList<>();
        rows.forEach((row, customers) -> {
            boundaries.add(row.from());
            boundaries.add(row.until());
            customers.forEach(c -> {
                boundaries.add(c.from());
                boundaries.add(c.until());
            });
        });
        for (MeterVersions.Version<State> v : MeterVersions.of(boundaries, horizon, this::stateAt)) {
            Row r = v.state().row();
            out.accept(new Version(meterId, v.from() == null ? null : v.from().toLocalDate().toString(),
                    r == null ? null : r.serviceAddress(), r == null ? null : r.servicePoint(), v.state().accountId(),
                    r == null ? null : r.assetAddress(), r == null ? null : r.assetCity(),
                    r == null ? null : r.assetZip()));
        }
        meterId = null;
        rows.clear();
    }

    private State stateAt(LocalDateTime t) {
        Row row = rows.keySet().stream()
                .filter(r -> MeterVersions.covers(r.from(), r.until(), t))
                .max(Comparator.comparing(Row::from, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
        if (row == null) {
            return new State(null, null);
        }
        String account = rows.get(row).stream()
                .filter(c -> MeterVersions.covers(c.from(), c.until(), t))
                .max(Comparator.comparing(Customer::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Customer::accountId, Comparator.reverseOrder()))
                .map(Customer::accountId)
                .orElse(null);
        return new State(row, account);
    }

    /** A date column (a date, or text or a timestamp starting with one) as local midnight; null for empty. */
    private static LocalDateTime date(ResultSet r, String column) throws SQLException {
        String text = r.getString(column);
        if (text == null || text.isBlank()) {
            return null;
        }
        return LocalDate.parse(text.trim().substring(0, 10)).atStartOfDay();
    }
}
