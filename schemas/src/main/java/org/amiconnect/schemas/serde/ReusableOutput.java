package org.amiconnect.schemas.serde;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An unsynchronised, growable byte buffer that is reused across records by one thread. It starts with room for the
 * wire-format header, which is filled in last.
 */
final class ReusableOutput extends OutputStream {

    private static final int INITIAL_CAPACITY = 512;
    /** A buffer grown beyond this by one large record is dropped afterwards rather than kept per thread. */
    private static final int MAX_RETAINED_CAPACITY = 1 << 20;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int count;

    /** Empties the buffer and reserves the header. */
    void startRecord() {
        count = WireFormat.BODY_OFFSET;
    }

    /** The framed record: header with {@code schemaId}, then what was written. */
    byte[] finishRecord(int schemaId) {
        WireFormat.writeHeader(buffer, schemaId);
        byte[] result = Arrays.copyOf(buffer, count);
        if (buffer.length > MAX_RETAINED_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
        }
        return result;
    }

    @Override
    public void write(int b) {
        ensureCapacity(count + 1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(count + length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    /** Avro's binary {@code long} (and {@code int}, union index, block count): zig-zag, then base-128 varint. */
    void writeLong(long value) {
        ensureCapacity(count + 10);
        long n = (value << 1) ^ (value >> 63);
        int p = count;
        while ((n & ~0x7FL) != 0) {
            buffer[p++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buffer[p++] = (byte) n;
        count = p;
    }

    /** Avro's binary {@code double}: the IEEE 754 bits ({@code doubleToRawLongBits}, as Avro), little-endian. */
    void writeDouble(double value) {
        ensureCapacity(count + 8);
        long bits = Double.doubleToRawLongBits(value);
        byte[] b = buffer;
        int p = count;
        for (int i = 0; i < 8; i++) {
            b[p++] = (byte) (bits >>> (8 * i));
        }
        count = p;
    }

    /**
     * Avro's binary {@code string}: the UTF-8 length, then the UTF-8 bytes, as {@code String.getBytes(UTF_8)} gives
     * them (which Avro's encoder uses). ASCII text is copied character by character without an intermediate array.
     */
    void writeString(String text) {
        int length = text.length();
        int start = count;
        writeLong(length);
        ensureCapacity(count + length);
        byte[] b = buffer;
        int p = count;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                count = start;
                writeBytes(text.getBytes(StandardCharsets.UTF_8));
                return;
            }
            b[p++] = (byte) c;
        }
        count = p;
    }

    /** Avro's binary {@code bytes}/{@code string} of already encoded bytes: the length, then the bytes. */
    void writeBytes(byte[] bytes, int length) {
        writeLong(length);
        write(bytes, 0, length);
    }

    private void writeBytes(byte[] bytes) {
        writeBytes(bytes, bytes.length);
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
