package org.amiconnect.adapters.moultonniguel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.adapters.moultonniguel.MoultonNiguelMeterHistories.Version;
import org.junit.jupiter.api.Test;

/** The predecessor's point-in-time meter and customer matching (python-ami-connect §2.7) as meter versions. */
class MoultonNiguelMeterHistoriesTest {

    private static final LocalDateTime HORIZON = LocalDateTime.of(2030, 1, 1, 0, 0);
    private static final LocalDateTime Y2020 = day(2020, 1, 1);
    private static final LocalDateTime Y2024 = day(2024, 1, 1);
    private static final LocalDateTime OPEN = day(9999, 1, 1);

    private final List<Version> versions = new ArrayList<>();
    private final MoultonNiguelMeterHistories histories = new MoultonNiguelMeterHistories(HORIZON, versions::add);

    private static LocalDateTime day(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay();
    }

    @Test
    void readsIn2023MatchThe2020To2024MeterAndCustomer() {
        histories.meterRow("M1", "100", "1", Y2020, Y2024, "1 MAIN", "MV", "92691", "A1", Y2020, Y2024);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom, Version::serviceAddress, Version::accountId)
                .containsExactly(tuple(null, null, null), tuple("2020-01-01", "100", "A1"),
                        tuple("2024-01-01", null, null));
    }

    @Test
    void customerChangeAtTheAddressMakesANewVersion() {
        histories.meterRow("M1", "100", "1", Y2020, OPEN, "1 MAIN", "MV", "92691", "A1", Y2020, Y2024);
        histories.meterRow("M1", "100", "1", Y2020, OPEN, "1 MAIN", "MV", "92691", "A2", Y2024, OPEN);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom, Version::accountId)
                .containsExactly(tuple(null, null), tuple("2020-01-01", "A1"), tuple("2024-01-01", "A2"));
    }

    @Test
    void meterMovedToAnotherServiceAddressTakesItsCustomer() {
        histories.meterRow("M1", "100", "1", Y2020, Y2024, "1 MAIN", "MV", "92691", "A1", Y2020, OPEN);
        histories.meterRow("M1", "200", "2", Y2024, OPEN, "2 OAK", "MV", "92692", "B1", Y2020, OPEN);
        histories.flush();

        assertThat(versions).extracting(Version::validFrom, Version::serviceAddress, Version::servicePoint,
                Version::accountId, Version::assetAddress).containsExactly(
                tuple(null, null, null, null, null),
                tuple("2020-01-01", "100", "1", "A1", "1 MAIN"),
                tuple("2024-01-01", "200", "2", "B1", "2 OAK"));
    }

    @Test
    void addressWithoutCustomerHasNoAccount() {
        histories.meterRow("M1", "100", "1", Y2020, OPEN, null, null, null, null, null, null);
        histories.flush();

        assertThat(versions).last().extracting(Version::serviceAddress, Version::accountId)
                .containsExactly("100", null);
    }
}
