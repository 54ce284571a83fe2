package org.amiconnect.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.registry.InMemorySchemaRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    /**
     * Avro binary body of GeneralMeterRead{org_id "org", device_id "d1", flowtime 2024-08-01T07:59:00Z,
     * register_value 22760.0, register_unit "CF", everything else null}, derived by hand from the Avro spec: fields
     * in schema order; a string is its byte length as a zig-zag varint then UTF-8 bytes; a union is the branch index
     * as a zig-zag varint (["null", X]: null = 0 -> 00, X = 1 -> 02) then the value; long is a zig-zag varint; double
     * is 8 bytes IEEE 754 little-endian.
     */
    private static final String EXPECTED_BODY = ""
            // org_id "org": length 3 -> zig-zag 6 -> 06; 'o' 'r' 'g' = 6F 72 67
            + "06 6F 72 67"
            // device_id "d1": length 2 -> zig-zag 4 -> 04; 'd' '1' = 64 31
            + " 04 64 31"
            // account_id null, location_id null: branch 0 -> 00 each
            + " 00 00"
            // flowtime, timestamp-micros: 2024-08-01 is day 54*365 + 13 leap days + 213 (Jan..Jul 2024) = 19936;
            // 19936 * 86400 + 7*3600 + 59*60 = 1722499140 s = 1722499140000000 us; zig-zag (n << 1) =
            // 3444998280000000 = 0xC3D352ABB3200; 7-bit groups from the low end: 0x00 0x64 0x6C 0x55 0x52 0x26
            // 0x0F 0x06, each but the last with the continuation bit 0x80 set
            + " 80 E4 EC D5 D2 A6 8F 06"
            // register_value: branch 1 -> 02; 22760.0 = 1.0110001110100b * 2^14: exponent 14 + 1023 = 0x40D,
            // mantissa 0x63A0000000000 -> 0x40D63A0000000000, written little-endian
            + " 02 00 00 00 00 00 3A D6 40"
            // register_unit "CF": branch 1 -> 02; length 2 -> 04; 'C' 'F' = 43 46
            + " 02 04 43 46"
            // interval_value, interval_unit, battery, install_date, estimated, connection, quality: all null -> 00 each
            + " 00 00 00 00 00 00 00";

    @Test
    void serializesGeneralMeterReadToHandDerivedBytes() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        GeneralMeterRead read = GeneralMeterRead.newBuilder()
                .setOrgId("org").setDeviceId("d1").setFlowtime(Instant.parse("2024-08-01T07:59:00Z"))
                .setRegisterValue(22760.0).setRegisterUnit("CF")
                .build();

        byte[] bytes = new AvroSerializer<GeneralMeterRead>(registry).serialize("ami.meter-reads", read);

        int id = registry.latest("ami.meter-reads-value").orElseThrow().id();
        assertThat(bytes[0]).isEqualTo((byte) 0x00);
        assertThat(Arrays.copyOfRange(bytes, 1, 5))
                .containsExactly((byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id);
        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, WireFormat.BODY_OFFSET, bytes.length))
                .isEqualTo(EXPECTED_BODY);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
    }

    @Test
    void frameWritesMagicByteThenBigEndianIdThenBody() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[] {0x7F, 0x10});

        assertThat(framed).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x7F, 0x10);
        assertThat(WireFormat.schemaId(framed)).isEqualTo(0x01020304);
        assertThat(WireFormat.BODY_OFFSET).isEqualTo(5);
    }

    @Test
    void readsIdsWithTheHighBitOfEveryByteSet() {
        assertThat(WireFormat.schemaId(new byte[] {0, (byte) 0x7F, (byte) 0xFE, (byte) 0x80, (byte) 0x81}))
                .isEqualTo(0x7FFE8081);
    }

    @Test
    void rejectsWrongMagicByteNamingIt() {
        byte[] data = {0x7B, 0, 0, 0, 1, 2};

        assertThatThrownBy(() -> WireFormat.schemaId(data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0x7B")
                .hasMessageContaining("6 bytes");
    }

    @Test
    void rejectsInputShorterThanTheHeaderNamingItsLength() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes is too short");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes is too short");
    }

    @Test
    void deserializerNamesTopicAndMagicByteOfForeignData() {
        AvroDeserializer<GeneralMeterRead> deserializer =
                new AvroDeserializer<>(new InMemorySchemaRegistry(), GeneralMeterRead.class);

        assertThatThrownBy(() -> deserializer.deserialize("ami.meter-reads", "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic ami.meter-reads")
                .hasMessageContaining("magic byte 0x7B");
    }
}
