package org.amiconnect.schemas.serde;

import java.io.OutputStream;
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

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
