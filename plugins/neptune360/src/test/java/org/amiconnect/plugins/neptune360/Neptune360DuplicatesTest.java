package org.amiconnect.plugins.neptune360;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The duplicates rule of python-ami-connect §2.9, case by case. */
class Neptune360DuplicatesTest {

    private final Neptune360Duplicates duplicates = new Neptune360Duplicates();

    @Test
    void aRepeatedEndpointIsDroppedAndCounted() {
        assertThat(duplicates.firstEndpoint("1-2")).isTrue();
        assertThat(duplicates.firstEndpoint("1-3")).isTrue();
        assertThat(duplicates.firstEndpoint("1-2")).isFalse();
        assertThat(duplicates.firstEndpoint("1-2")).isFalse();

        assertThat(duplicates.droppedEndpoints()).isEqualTo(2);
        assertThat(duplicates.endpointSeen("1-3")).isTrue();
        assertThat(duplicates.endpointSeen("9-9")).isFalse();
    }

    @Test
    void aRepeatedReadOfADeviceAtTheSameInstantIsDroppedAndCounted() {
        assertThat(duplicates.firstRead("1-2", 3_600)).isTrue();
        assertThat(duplicates.firstRead("1-2", 7_200)).isTrue();
        assertThat(duplicates.firstRead("1-2", 3_600)).isFalse();

        assertThat(duplicates.droppedReads()).isOne();
    }

    @Test
    void readsOfTwoDevicesAtTheSameTimeAreNotDuplicates() {
        assertThat(duplicates.firstRead("1-2", 3_600)).isTrue();
        assertThat(duplicates.firstRead("1-3", 3_600)).isTrue();

        assertThat(duplicates.droppedReads()).isZero();
    }

    @Test
    void manyReadsOfOneDeviceInAnyOrderAreEachKeptOnce() {
        for (int round = 0; round < 2; round++) {
            for (long hour = 99; hour >= 0; hour -= 2) {
                assertThat(duplicates.firstRead("1-2", hour * 3_600)).isEqualTo(round == 0);
            }
            for (long hour = 0; hour < 100; hour += 2) {
                assertThat(duplicates.firstRead("1-2", hour * 3_600)).isEqualTo(round == 0);
            }
        }

        assertThat(duplicates.droppedReads()).isEqualTo(100);
    }

    @Test
    void readTimesThatAreNotInstantsAreComparedAsText() {
        assertThat(duplicates.firstRead("1-2", "garbled")).isTrue();
        assertThat(duplicates.firstRead("1-2", "garbled")).isFalse();
        assertThat(duplicates.firstRead("1-3", "garbled")).isTrue();

        assertThat(duplicates.droppedReads()).isOne();
    }
}
