package org.amiconnect.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mapping of the predecessor's {@code map_meter_size} table, and what it deliberately leaves unmapped. */
class MeterSizesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            3/8       | 0.375
            3/8"      | 0.375
            0.625     | 0.625
            5/8       | 0.625
            5/8"      | 0.625
            5/8in     | 0.625
            0.75      | 0.75
            3/4       | 0.75
            3/4"      | 0.75
            3/4in     | 0.75
            1         | 1
            1.0       | 1
            1"        | 1
            1in       | 1
            1.5       | 1.5
            1.5"      | 1.5
            1.5in     | 1.5
            2         | 2
            2.0       | 2
            2"        | 2
            2in       | 2
            2.5       | 2.5
            3         | 3
            3.0       | 3
            3"        | 3
            3in       | 3
            4         | 4
            4.0       | 4
            4"        | 4
            4in       | 4
            6         | 6
            6.0       | 6
            6"        | 6
            6in       | 6
            8         | 8
            8.0       | 8
            8"        | 8
            10        | 10
            10.0      | 10
            10"       | 10
            12        | 12
            12.0      | 12
            12"       | 12
            5/8x3/4   | 0.625x0.75
            5/8 x 3/4 | 0.625x0.75
            5/8x3/4in | 0.625x0.75
            W-TSCR3   | 3
            W-TSC4    | 4
            W-TSC3    | 3
            W-DSC1.5  | 1.5
            W-DISC1   | 1
            W-DISC34  | 0.75
            W-DISC2   | 2
            W-RDSC2   | 2
            W-TRB1.5  | 1.5
            W-TRB2    | 2
            W-TRB3    | 3
            W-TRB4    | 4
            W-TRB6    | 6
            W-TRB8    | 8
            W-RTRB8   | 8
            W-CMP3    | 3
            W-CMP4    | 4
            W-CMP6    | 6
            W-CMP8    | 8
            W-FM4     | 4
            W-FM6     | 6
            W-FM8     | 8
            W-FM10    | 10
            W-UM6     | 6
            W-UM8     | 8
            W-UM10    | 10
            W-RUM8    | 8
            Virtual   | Virtual
            """)
    void mapsThePredecessorsTable(String vendorSize, String expected) {
        assertThat(MeterSizes.normalize(vendorSize)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 5/8\" ", "\t3/4\n", "  W-TRB2", "Virtual  "})
    void stripsSurroundingWhitespaceBeforeLookingUp(String vendorSize) {
        assertThat(MeterSizes.normalize(vendorSize)).isPresent();
        assertThat(MeterSizes.normalize(vendorSize)).isEqualTo(MeterSizes.normalize(vendorSize.strip()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"8in", "0.375", "402", "   ", "5/8 in", "virtual", "w-trb2", "3/8in", "5/8\"x3/4\""})
    void leavesSizesOutsideTheTableUnmapped(String vendorSize) {
        assertThat(MeterSizes.normalize(vendorSize)).isEmpty();
    }
}
