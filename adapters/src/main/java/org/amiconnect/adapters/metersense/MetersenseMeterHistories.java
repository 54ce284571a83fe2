package org.amiconnect.adapters.metersense;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.amiconnect.adapters.jdbc.MeterVersions;

/**
 * Where each Metersense water meter was, and whose water account it served, over time (python-ami-connect §2.3,
 * "time-bounded metadata for reads"): built from the rows of {@link MetersenseTables#METER_LINKS}, one meter at a
 * time (they arrive grouped by meter), as {@link MeterVersions}.
 *
 * <p>At a local time t, the meter's location is the METER_LOCATION_XREF link with ACTIVE_DT ≤ t < INACTIVE_DT (an
 * empty date is open; where links overlap, the one activated last), and its account is the water ACCOUNT_SERVICES row
 * at that location with ACTIVE_DT ≤ t < INACTIVE_DT (where they overlap, the one activated last). The predecessor
 * compared both ends inclusively, which makes the instant a link changes ambiguous; here a period ends where the next
 * begins. A meter without any link has one version with neither.
 */
final class MetersenseMeterHistories {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /** One version of a meter: its location (with the location's address) and account, from {@code validFrom}. */
    record Version(String meterId, String validFrom, String locationNo, String accountId, String streetName,
            String city, String state, String postalCode) {
    }

    private record Link(String locationNo, LocalDateTime from, LocalDateTime until, String streetName, String city,
            String state, String postalCode) {
    }

    private record Account(String accountId, LocalDateTime from, LocalDateTime until) {
    }

    private record State(Link link, String accountId) {
    }

    private final Consumer<Version> out;
    private final LocalDateTime horizon;
    private String meterId;
    private final Map<Link, List<Account>> links = new LinkedHashMap<>();

    /**
     * @param horizon local time after which period boundaries are ignored (open ends written as far-future dates)
     * @param out receives each meter's versions when the meter's rows are complete
     */
    MetersenseMeterHistories(LocalDateTime horizon, Consumer<Version> out) {
        this.out = out;
        this.horizon = horizon;
    }

    /** Takes one row of {@link MetersenseTables#METER_LINKS}. */
    void row(ResultSet row) throws SQLException {
        link(row.getString("METER_ID"), row.getString("LOCATION_NO"), time(row, "XREF_ACTIVE_DT"),
                time(row, "XREF_INACTIVE_DT"), row.getString("STREET_NAME"), row.getString("CITY"),
                row.getString("STATE"), row.getString("POSTAL_CD"), row.getString("ACCOUNT_ID"),
                time(row, "ACCOUNT_ACTIVE_DT"), time(row, "ACCOUNT_INACTIVE_DT"));
    }

    /**
     * Takes one meter link: the meter, the location it was linked to (null: no link) with its address and link
     * period, and one water account at that location (null: none) with its period. Rows of one meter come together.
     */
    void link(String meter, String location, LocalDateTime linkFrom, LocalDateTime linkUntil, String streetName,
            String city, String state, String postalCode, String account, LocalDateTime accountFrom,
            LocalDateTime accountUntil) {
        if (!meter.equals(meterId)) {
            flush();
            meterId = meter;
        }
        if (location == null) {
            return;
        }
        Link link = new Link(location, linkFrom, linkUntil, streetName, city, state, postalCode);
        List<Account> accounts = links.computeIfAbsent(link, l -> new ArrayList<>());
        if (account != null) {
            accounts.add(new Account(account, accountFrom, accountUntil));
        }
    }

    /** Publishes the versions of the meter whose rows were read last. */
    void flush() {
        if (meterId == null) {
            return;
        }
        List<LocalDateTime> boundaries = new ArrayList<>();
        links.forEach((link, accounts) -> {
            boundaries.add(link.from());
            boundaries.add(link.until());
            accounts.forEach(a -> {
                boundaries.add(a.from());
                boundaries.add(a.until());
            });
        });
        for (MeterVersions.Version<State> v : MeterVersions.of(boundaries, horizon, this::stateAt)) {
            Link l = v.state().link();
            out.accept(new Version(meterId, v.from() == null ? null : LOCAL.format(v.from()),
                    l == null ? null : l.locationNo(), v.state().accountId(), l == null ? null : l.streetName(),
                    l == null ? null : l.city(), l == null ? null : l.state(), l == null ? null : l.postalCode()));
        }
        meterId = null;
        links.clear();
    }

    private State stateAt(LocalDateTime t) {
        Link link = links.keySet().stream()
                .filter(l -> MeterVersions.covers(l.from(), l.until(), t))
                .max(Comparator.comparing(Link::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Link::locationNo, Comparator.reverseOrder()))
                .orElse(null);
        if (link == null) {
            return new State(null, null);
        }
        String account = links.get(link).stream()
                .filter(a -> MeterVersions.covers(a.from(), a.until(), t))
                .max(Comparator.comparing(Account::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Account::accountId, Comparator.reverseOrder()))
                .map(Account::accountId)
                .orElse(null);
        return new State(link, account);
    }

    private static LocalDateTime time(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDateTime.class);
    }

}
