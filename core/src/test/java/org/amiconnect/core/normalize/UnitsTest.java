package org.amiconnect.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.amiconnect.core.normalize.Units.UnknownUnitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Volume readings to cubic feet: the predecessor's tested examples, to the same 8 decimals. */
class UnitsTest {

    private static final double CF_PER_GALLON = 0.133680546;

    @Test
    void convertsHundredCubicFeet() {
        assertThat(Units.toCubicFeet(12.5, "CCF")).isEqualTo(1250.0);
    }

    @Test
    void keepsCubicFeet() {
        assertThat(Units.toCubicFeet(1200, "CF")).isEqualTo(1200.0);
    }

    @Test
    void convertsGallonsRoundedToEightDecimals() {
        double expected = BigDecimal.valueOf(2000).multiply(BigDecimal.valueOf(CF_PER_GALLON))
                .setScale(8, RoundingMode.HALF_EVEN).doubleValue();

        assertThat(expected).isEqualTo(267.361092);
        assertThat(Units.toCubicFeet(2000, "Gallons")).isEqualTo(expected);
        assertThat(Units.toCubicFeet(2000, "Gallon")).isEqualTo(expected);
    }

    @Test
    void convertsThousandGallons() {
        assertThat(Units.toCubicFeet(5, "KGAL")).isEqualTo(668.40273);
    }

    @Test
    void convertsBeaconFlowOfFiveGallons() {
        // Beacon report fixture: Flow=5.0, Flow_Unit=Gallons
        assertThat(Units.toCubicFeet(Double.parseDouble("5.0"), "Gallons")).isEqualTo(0.66840273);
    }

    @Test
    void convertsBeaconRegisterReadInCcf() {
        // Beacon report fixture: Read=227.6, Read_Unit=CCF
        assertThat(Units.toCubicFeet(Double.parseDouble("227.6"), "CCF")).isEqualTo(22760.0);
    }

    @Test
    void roundsAwayBinaryFloatingPointNoise() {
        assertThat(1.1 * 100).isEqualTo(110.00000000000001);
        assertThat(Units.toCubicFeet(1.1, "CCF")).isEqualTo(110.0);
    }

    @ParameterizedTest
    @CsvSource({"ccf, 1000.0", "Ccf, 1000.0", "cf, 10.0", "gallons, 1.33680546", "GALLON, 1.33680546",
            "Gal, 1.33680546", "kgal, 1336.80546", "' CCF ', 1000.0"})
    void acceptsUnitsInAnyCaseAndIgnoresSurroundingSpace(String unit, double expected) {
        assertThat(Units.toCubicFeet(10, unit)).isEqualTo(expected);
        assertThat(Units.isKnown(unit)).isTrue();
    }

    @Test
    void acceptsGalAsGallons() {
        // the predecessor mapped GAL only for Xylem Data Lake; it is accepted everywhere here
        assertThat(Units.toCubicFeet(2000, "GAL")).isEqualTo(Units.toCubicFeet(2000, "GALLONS"));
        assertThat(Units.toCubicFeet(2000, "gal")).isEqualTo(267.361092);
    }

    @ParameterizedTest
    @ValueSource(strings = {"G", "Unknown", "Pounds", "", "CUBIC FEET"})
    void rejectsUnknownUnitNamingIt(String unit) {
        assertThatThrownBy(() -> Units.toCubicFeet(1, unit))
                .isInstanceOf(UnknownUnitException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unrecognized unit of measure '" + unit + "'; expected one of CF, CCF, GALLON, GALLONS, GAL, KGAL");
        assertThat(Units.isKnown(unit)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void rejectsMissingUnit(String unit) {
        assertThatThrownBy(() -> Units.toCubicFeet(1, unit))
                .isInstanceOf(UnknownUnitException.class)
                .hasMessageContaining("'null'");
        assertThat(Units.isKnown(unit)).isFalse();
    }

    @Test
    void roundingMatchesTheExactBinaryValueRoundedHalfEvenForAnyMagnitude() {
        java.util.Random random = new java.util.Random(20261130);
        for (int i = 0; i < 200_000; i++) {
            double magnitude = Math.pow(10, random.nextInt(16) - 6);
            double v = (random.nextDouble() - 0.2) * magnitude;
            assertThat(Units.round8(v)).as("round8(%s)", v).isEqualTo(exactlyRounded(v));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.000000005, 0.000000015, 0.000000025, -0.000000005, 1.000000005, 2.675000005,
            12.5 * CF_PER_GALLON, 1e-9, -1e-9, 0.0, -0.0, 1e20, -3.5e14, 123456789.123456785})
    void roundingNearHalfWayPointsAndZeroMatchesTheExactBinaryValue(double v) {
        assertThat(Units.round8(v)).isEqualTo(exactlyRounded(v));
    }

    private static double exactlyRounded(double v) {
        return new BigDecimal(v).setScale(8, RoundingMode.HALF_EVEN).doubleValue();
    }
}
