package org.amiconnect.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent Schema Registry wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the record (no Avro container header).
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    /** Where the Avro body starts: after the magic byte and the 4-byte id. */
    public static final int BODY_OFFSET = 5;

    private WireFormat() {
    }

    /** Prefixes {@code body} with the magic byte and {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] body) {
        byte[] framed = new byte[BODY_OFFSET + body.length];
        writeHeader(framed, schemaId);
        System.arraycopy(body, 0, framed, BODY_OFFSET, body.length);
        return framed;
    }

    /**
     * The schema id of a framed record.
     *
     * @throws SerializationException when {@code data} is shorter than 5 bytes or does not start with magic byte 0
     */
    public static int schemaId(byte[] data) {
        if (data == null || data.length < BODY_OFFSET) {
            throw new SerializationException("Record of " + (data == null ? 0 : data.length)
                    + " bytes is too short for the Schema Registry wire format, which needs at least " + BODY_OFFSET
                    + " bytes (magic byte 0 and a 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02X in a record of %d bytes: the "
                    + "Schema Registry wire format starts with 0x00, so this record was not written by an Avro "
                    + "Schema Registry serializer", data[0] & 0xFF, data.length));
        }
        return ((data[1] & 0xFF) << 24) | ((data[2] & 0xFF) << 16) | ((data[3] & 0xFF) << 8) | (data[4] & 0xFF);
    }

    /** Writes the 5-byte header at the start of {@code target}. */
    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
