package org.amiconnect.transformer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A raw read record waiting for its meter's metadata, kept as its original bytes and coordinates so that, released,
 * it is normalized again exactly as it came, and, expired under a dead-letter rule, it goes to ami.dlq as it came.
 *
 * @param arrivedAtMs wall-clock ms when it started waiting
 * @param timestamp the raw record's Kafka timestamp; nothing reads it since outputs are stamped when published
 *     (docs/transformer.md, timestamps), kept so that waiting reads already stored still decode
 */
record PendingRead(long arrivedAtMs, String entity, String topic, int partition, long offset, long timestamp,
        byte[] key, byte[] value) {

    static String storeKey(String joinKey, String topic, int partition, long offset) {
        return prefix(joinKey) + topic + '\u0001' + partition + '\u0001' + offset;
    }

    /** Keys of every read waiting for {@code joinKey} start with this, and no other key does. */
    static String prefix(String joinKey) {
        return joinKey + '\u0001';
    }

    static String joinKeyOf(String storeKey) {
        return storeKey.substring(0, storeKey.indexOf('\u0001'));
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(arrivedAtMs);
            out.writeUTF(entity);
            out.writeUTF(topic);
            out.writeInt(partition);
            out.writeLong(offset);
            out.writeLong(timestamp);
            writeBytes(out, key);
            writeBytes(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PendingRead decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            return new PendingRead(in.readLong(), in.readUTF(), in.readUTF(), in.readInt(), in.readLong(), in.readLong(),
                    readBytes(in), readBytes(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
