package org.amiconnect.adapters.aclara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.model.GeneralMeter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.aclara.AclaraMeterRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aclara rows → the standard model, one test per edge case of the predecessor (python-ami-connect §2.1, §8). */
class AclaraNormalizerTest {

    private final AclaraNormalizer normalizer = new AclaraNormalizer();

    /** The predecessor's synthetic example row. */
    private static AclaraMeterRead.Builder exampleRow() {
        return AclaraMeterRead.newBuilder()
                .setAccountNumber("17305709").setMeterSN("1").setMTUID("2").setPort("1").setAccountType("RESIDENTIAL")
                .setAddress1("12 MY LN").setCity("LOS ANGELES").setState("CA").setZip("00000").setRawRead("23497071")
                .setScaledRead("023497.071").setReadingTime("2025-05-25 16:00:00.000")
                .setLocalTime("2025-05-25 09:00:00.000").setActive("1").setScalar("0.001").setMeterTypeID("2212")
                .setVendor("BADGER").setModel("HR-E LCD")
                .setDescription("Badger M25/LP HRE LCD 5/8x3/4in 9D 0.001CuFt").setReadInterval("60")
                .setExtract(new ExtractMetadata("my_utility", "run-1", Instant.EPOCH, "CaDC_Readings_05252025.csv", 7L,
                        null, null, null));
    }

    @Test
    void theExampleRowBecomesItsMeterAndARegisterReadInCubicFeet() throws Exception {
        Normalized n = normalizer.normalize(exampleRow().build());

        GeneralMeter meter = n.meters().get(0);
        assertThat(meter.getDeviceId()).isEqualTo("1");
        assertThat(meter.getMeterId()).isEqualTo("1");
        assertThat(meter.getAccountId()).isEqualTo("17305709");
        assertThat(meter.getLocationId()).isNull();
        assertThat(meter.getEndpointId()).isEqualTo("2");
        assertThat(meter.getMeterSize()).isEqualTo("0.625x0.75");
        assertThat(meter.getMeterManufacturer()).isEqualTo("BADGER");
        assertThat(meter.getMultiplier()).isEqualTo(0.001);
        assertThat(meter.getLocationAddress()).isEqualTo("12 MY LN");
        assertThat(meter.getLocationZip()).isEqualTo("00000");
        GeneralMeterRead read = n.reads().get(0);
        assertThat(read.getRegisterValue()).isEqualTo(23497.071);
        assertThat(read.getRegisterUnit()).isEqualTo("CF");
        assertThat(read.getIntervalValue()).isNull();
        assertThat(read.getEstimated()).isNull();
    }

    @Test
    void readingTimeIsUtcAndLocalTimeIsIgnored() throws Exception {
        GeneralMeterRead read = normalizer.normalize(exampleRow().build()).reads().get(0);

        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2025-05-25T16:00:00Z"));
    }

    @Test
    void detectorCheckRowsAreNoMeterAndNoRead() throws Exception {
        Normalized n = normalizer.normalize(exampleRow().setAccountType("DETECTOR CHECK").setMeterSN("").build());

        assertThat(n.meters()).isEmpty();
        assertThat(n.reads()).isEmpty();
        assertThat(n.skippedReads()).isEqualTo(1);
    }

    @Test
    void anErrorReadIsAReadWithoutRegisterValueOrUnit() throws Exception {
        GeneralMeterRead read = normalizer.normalize(exampleRow().setScaledRead("ERROR").build()).reads().get(0);

        assertThat(read.getRegisterValue()).isNull();
        assertThat(read.getRegisterUnit()).isNull();
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2025-05-25T16:00:00Z"));
    }

    @Test
    void anEmptyScaledReadIsAMissingValueNotACrash() throws Exception {
        GeneralMeterRead read = normalizer.normalize(exampleRow().setScaledRead("").build()).reads().get(0);

        assertThat(read.getRegisterValue()).isNull();
    }

    @Test
    void aRowWithoutReadingTimeKeepsItsMeterButHasNoRead() throws Exception {
        Normalized n = normalizer.normalize(exampleRow().setReadingTime("").build());

        assertThat(n.meters()).hasSize(1);
        assertThat(n.reads()).isEmpty();
        assertThat(n.skippedReads()).isEqualTo(1);
    }

    @Test
    void aScaledReadThatIsNoNumberIsADeadLetterNamingFileRowAndMeter() {
        assertThatThrownBy(() -> normalizer.normalize(exampleRow().setScaledRead("n/a").build()))
                .isInstanceOfSatisfying(NormalizationException.class,
                        e -> assertThat(e.field()).isEqualTo("ScaledRead"))
                .hasMessageContaining("CaDC_Readings_05252025.csv row 7")
                .hasMessageContaining("MeterSN 1")
                .hasMessageContaining("'n/a' is not a number");
    }

    @Test
    void aReadingTimeThatIsNoTimestampIsADeadLetter() {
        assertThatThrownBy(() -> normalizer.normalize(exampleRow().setReadingTime("yesterday").build()))
                .isInstanceOf(NormalizationException.class).hasMessageContaining("ReadingTime");
    }

    @Test
    void anEmptyMeterSnIsADeadLetter() {
        assertThatThrownBy(() -> normalizer.normalize(exampleRow().setMeterSN(" ").build()))
                .isInstanceOf(NormalizationException.class).hasMessageContaining("MeterSN is empty");
    }

    @Test
    void identicalRowsGiveIdenticalRecords() throws Exception {
        assertThat(normalizer.normalize(exampleRow().build())).isEqualTo(normalizer.normalize(exampleRow().build()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "Sensus W2000 6\" 8D 1CuFt|6",
        "Badger HR E-Series 1.5 Inch 9D 0.01CuFt|1.5",
        "SENSUS OMNI C2 1.5  7D 1CuFt|1.5",
        "Sensus SRII/aS E-Register 5/8x3/4 6D 1CuFt|0.625x0.75",
        "Badger M25/LP HRE LCD 5/8x3/4in 9D 0.001CuFt|0.625x0.75",
        "Badger M35 HRE LCD 3/4in 9D 0.001CuFt|0.75",
        "Badger M70 HRE LCD 1in 9D 0.01CuFt|1",
        "Badger M170 HRE LCD 2in 9D 0.01CuFt|2",
        "Neptune T-10 ProRead 5/8\" 6D 1CuFt|0.625",
        "Sensus OMNI T2 3\" 7D 1CuFt|3",
        "Badger E-Series Ultrasonic 8in 9D 1CuFt|NONE",
        "Virtual Meter|NONE",
        "|NONE"})
    void sizeComesFromTheDescriptionsFifthSixthFourthOrThirdWord(String description, String size) {
        assertThat(AclaraNormalizer.sizeFromDescription(description).orElse(null)).isEqualTo(size);
    }
}
