package org.amiconnect.adapters.metersense;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.adapters.metersense.MetersenseMeterHistories.Version;
import org.junit.jupiter.api.Test;

/** The predecessor's time-bounded account and location lookups (python-ami-connect §2.3) as meter versions. */
class MetersenseMeterHistoriesTest {

    private static final LocalDateTime HORIZON = LocalDateTime.of(2030, 1, 1, 0, 0);
    private static final LocalDateTime Y2024 = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final LocalDateTime Y2025 = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final LocalDateTime MID2024 = LocalDateTime.of(2024, 7, 1, 0, 0);

    private final List<Version> versions = new ArrayList<>();
    private final MetersenseMeterHistories histories = new MetersenseMeterHistories(HORIZON, versions::add);

    @Test
    void meterWithoutLinkHasOneVersionWithNeitherAccountNorLocation() {
        histories.link("MTR001", null, null, null, null, null, null, null, null, null, null);
        histories.flush();

        assertThat(versions).containsExactly(new Version("MTR001", null, null, null, null, null, null, null));
    }

    @Test
    void readsOutsideTheLinksWindowGetNoAccountOrLocation() {
        histories.link("MTR001", "1001", Y2024, Y2025, "MAIN ST", "TOWN", "CA", "90000", "ACC1", Y2024, Y2025);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom, Version::locationNo, Version::accountId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, null, null),
                org.assertj.core.groups.Tuple.tuple("2024-01-01T00:00:00", "1001", "ACC1"),
                org.assertj.core.groups.Tuple.tuple("2025-01-01T00:00:00", null, null));
    }

    @Test
    void locationWithoutWaterAccountHasNoAccount() {
        histories.link("MTR001", "1001", Y2024, null, "MAIN ST", "TOWN", "CA", "90000", null, null, null);
        histories.flush();

        assertThat(versions).last().extracting(Version::locationNo, Version::accountId, Version::streetName)
                .containsExactly("1001", null, "MAIN ST");
    }

    @Test
    void accountChangeAtTheLocationMakesANewVersion() {
        histories.link("MTR001", "1001", Y2024, null, "MAIN ST", "TOWN", "CA", "90000", "OLD", Y2024, MID2024);
        histories.link("MTR001", "1001", Y2024, null, "MAIN ST", "TOWN", "CA", "90000", "NEW", MID2024, null);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom, Version::accountId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, null),
                org.assertj.core.groups.Tuple.tuple("2024-01-01T00:00:00", "OLD"),
                org.assertj.core.groups.Tuple.tuple("2024-07-01T00:00:00", "NEW"));
    }

    @Test
    void meterMovedToAnotherLocationTakesThatLocationsAccount() {
        histories.link("MTR001", "1001", Y2024, MID2024, "MAIN ST", "TOWN", "CA", "90000", "A1", Y2024, null);
        histories.link("MTR001", "2002", MID2024, null, "OAK AVE", "TOWN", "CA", "90001", "A2", Y2024, null);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom, Version::locationNo, Version::accountId,
                Version::streetName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, null, null, null),
                org.assertj.core.groups.Tuple.tuple("2024-01-01T00:00:00", "1001", "A1", "MAIN ST"),
                org.assertj.core.groups.Tuple.tuple("2024-07-01T00:00:00", "2002", "A2", "OAK AVE"));
    }

    @Test
    void farFutureInactiveDateIsAnOpenEnd() {
        LocalDateTime farFuture = LocalDateTime.of(9999, 12, 31, 0, 0);
        histories.link("MTR001", "1001", Y2024, farFuture, "MAIN ST", "TOWN", "CA", "90000", "A1", Y2024, farFuture);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom).containsExactly(null, "2024-01-01T00:00:00");
    }

    @Test
    void eachMetersRowsMakeItsOwnVersions() {
        histories.link("MTR001", "1001", Y2024, null, "MAIN ST", "TOWN", "CA", "90000", "A1", Y2024, null);
        histories.link("MTR002", "2002", Y2025, null, "OAK AVE", "TOWN", "CA", "90001", "A2", Y2025, null);
        histories.flush();

        assertThat(versions).extracting(Version::meterId).containsExactly("MTR001", "MTR001", "MTR002", "MTR002");
        assertThat(versions.get(3).accountId()).isEqualTo("A2");
    }
}
