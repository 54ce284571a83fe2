package org.amiconnect.transformer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.amiconnect.schemas.model.GeneralMeterRead;
import org.amiconnect.schemas.serde.AvroDeserializer;
import org.apache.avro.data.TimeConversions;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of the internal {@code reads} store: a {@link GeneralMeterRead} in a compact binary form of its
 * own, without Schema Registry framing or Avro union resolution, since no other program reads this store.
 *
 * <p>Layout, version {@link #VERSION}: the version byte; org_id and device_id; flowtime (epoch micros, zig-zag
 * varint); a bit mask of the nullable fields present ({@link #FIELDS} order after flowtime); then each present value.
 * Strings are a varint length and UTF-8 bytes, doubles their 8 IEEE bits, instants epoch micros (truncated as Avro's
 * timestamp-micros truncates, so a read compares equal after the round trip exactly as it did through Avro).
 *
 * <p>A value written before this serde existed is Schema Registry framed Avro (first byte 0); it is read with
 * {@code legacy}, so a changelog from an earlier version restores. Any other first byte throws
 * {@link SerializationException}. Null ↔ null. Thread-safe (the encoding buffer is per thread).
 */
final class StoredReadSerde implements Serde<GeneralMeterRead> {

    static final byte VERSION = 1;
    /** First byte of the Schema Registry wire format that earlier versions wrote to the store. */
    private static final byte FRAMED_AVRO = 0;
    /** The fields this layout knows, in schema order; a schema with others must get a new version of the layout. */
    static final List<String> FIELDS = List.of("org_id", "device_id", "account_id", "location_id", "flowtime",
            "register_value", "register_unit", "interval_value", "interval_unit", "battery", "install_date",
            "estimated", "connection", "quality");

    private static final int ACCOUNT = 1;
    private static final int LOCATION = 1 << 1;
    private static final int REGISTER = 1 << 2;
    private static final int REGISTER_UNIT = 1 << 3;
    private static final int INTERVAL = 1 << 4;
    private static final int INTERVAL_UNIT = 1 << 5;
    private static final int BATTERY = 1 << 6;
    private static final int INSTALL_DATE = 1 << 7;
    private static final int ESTIMATED = 1 << 8;
    private static final int CONNECTION = 1 << 9;
    private static final int QUALITY = 1 << 10;

    private static final TimeConversions.TimestampMicrosConversion MICROS =
            new TimeConversions.TimestampMicrosConversion();

    private final Deserializer<GeneralMeterRead> legacy;
    private final Serializer<GeneralMeterRead> serializer = (topic, read) -> read == null ? null : encode(read);
    private final Deserializer<GeneralMeterRead> deserializer = this::deserialize;

    /** @param legacy reads the Schema Registry framed values of earlier versions, e.g. an {@link AvroDeserializer} */
    StoredReadSerde(Deserializer<GeneralMeterRead> legacy) {
        this.legacy = legacy;
    }

    @Override
    public Serializer<GeneralMeterRead> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GeneralMeterRead> deserializer() {
        return deserializer;
    }

    private GeneralMeterRead deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == VERSION) {
            try {
                return new Reader(bytes).read();
            } catch (RuntimeException e) {
                throw new SerializationException("Cannot decode a stored read of " + bytes.length + " bytes: " + e, e);
            }
        }
        if (bytes.length > 0 && bytes[0] == FRAMED_AVRO) {
            return legacy.deserialize(topic, bytes);
        }
        throw new SerializationException("A stored read of " + bytes.length + " bytes starts with "
                + (bytes.length == 0 ? "nothing" : "byte " + bytes[0]) + ", neither layout version " + VERSION
                + " nor framed Avro (0)");
    }

    /** Per thread, the buffer a read is encoded into before its bytes are copied out. */
    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

    static byte[] encode(GeneralMeterRead r) {
        Writer w = WRITERS.get();
        w.n = 0;
        w.buf[w.n++] = VERSION;
        w.string(r.getOrgId());
        w.string(r.getDeviceId());
        w.varlong(MICROS.toLong(r.getFlowtime(), null, null));
        int present = (r.getAccountId() != null ? ACCOUNT : 0) | (r.getLocationId() != null ? LOCATION : 0)
                | (r.getRegisterValue() != null ? REGISTER : 0) | (r.getRegisterUnit() != null ? REGISTER_UNIT : 0)
                | (r.getIntervalValue() != null ? INTERVAL : 0) | (r.getIntervalUnit() != null ? INTERVAL_UNIT : 0)
                | (r.getBattery() != null ? BATTERY : 0) | (r.getInstallDate() != null ? INSTALL_DATE : 0)
                | (r.getEstimated() != null ? ESTIMATED : 0) | (r.getConnection() != null ? CONNECTION : 0)
                | (r.getQuality() != null ? QUALITY : 0);
        w.varlong(present);
        if ((present & ACCOUNT) != 0) {
            w.string(r.getAccountId());
        }
        if ((present & LOCATION) != 0) {
            w.string(r.getLocationId());
        }
        if ((present & REGISTER) != 0) {
            w.fixed64(Double.doubleToRawLongBits(r.getRegisterValue()));
        }
        if ((present & REGISTER_UNIT) != 0) {
            w.string(r.getRegisterUnit());
        }
        if ((present & INTERVAL) != 0) {
            w.fixed64(Double.doubleToRawLongBits(r.getIntervalValue()));
        }
        if ((present & INTERVAL_UNIT) != 0) {
            w.string(r.getIntervalUnit());
        }
        if ((present & BATTERY) != 0) {
            w.string(r.getBattery());
        }
        if ((present & INSTALL_DATE) != 0) {
            w.varlong(MICROS.toLong(r.getInstallDate(), null, null));
        }
        if ((present & ESTIMATED) != 0) {
            w.varlong(r.getEstimated());
        }
        if ((present & CONNECTION) != 0) {
            w.string(r.getConnection());
        }
        if ((present & QUALITY) != 0) {
            List<String> quality = r.getQuality();
            w.varlong(quality.size());
            for (String flag : quality) {
                w.string(flag);
            }
        }
        return Arrays.copyOf(w.buf, w.n);
    }

    /** A growable buffer, one per thread and reused read after read; each read's bytes are copied out of it. */
    private static final class Writer {

        byte[] buf = new byte[256];
        int n;

        private void room(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        /**
         * Varint length and UTF-8 bytes. ASCII text shorter than 64 chars (the usual case; its zig-zag length is one
         * byte) is copied char by char without an intermediate byte array; any other text as before.
         */
        void string(String s) {
            int length = s.length();
            if (length < 64) {
                room(1 + length);
                int at = n + 1;
                int i = 0;
                while (i < length) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    buf[at + i] = (byte) c;
                    i++;
                }
                if (i == length) {
                    buf[n] = (byte) (length << 1);
                    n = at + length;
                    return;
                }
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varlong(b.length);
            room(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        /** Zig-zag varint, as Avro writes longs: small magnitudes of either sign take few bytes. */
        void varlong(long v) {
            room(10);
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                buf[n++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[n++] = (byte) z;
        }

        void fixed64(long v) {
            room(8);
            for (int i = 0; i < 8; i++) {
                buf[n++] = (byte) (v >>> (8 * i));
            }
        }
    }

    private static final class Reader {

        private final byte[] buf;
        private int n = 1; // past the version byte

        Reader(byte[] buf) {
            this.buf = buf;
        }

        GeneralMeterRead read() {
            String org = string();
            String device = string();
            Instant flowtime = instant();
            int present = (int) varlong();
            String account = (present & ACCOUNT) != 0 ? string() : null;
            String location = (present & LOCATION) != 0 ? string() : null;
            Double register = (present & REGISTER) != 0 ? Double.longBitsToDouble(fixed64()) : null;
            String registerUnit = (present & REGISTER_UNIT) != 0 ? string() : null;
            Double interval = (present & INTERVAL) != 0 ? Double.longBitsToDouble(fixed64()) : null;
            String intervalUnit = (present & INTERVAL_UNIT) != 0 ? string() : null;
            String battery = (present & BATTERY) != 0 ? string() : null;
            Instant installDate = (present & INSTALL_DATE) != 0 ? instant() : null;
            Integer estimated = (present & ESTIMATED) != 0 ? Math.toIntExact(varlong()) : null;
            String connection = (present & CONNECTION) != 0 ? string() : null;
            List<String> quality = null;
            if ((present & QUALITY) != 0) {
                int size = Math.toIntExact(varlong());
                quality = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    quality.add(string());
                }
            }
            if (n != buf.length) {
                throw new IllegalStateException((buf.length - n) + " bytes left after the last field");
            }
            return new GeneralMeterRead(org, device, account, location, flowtime, register, registerUnit, interval,
                    intervalUnit, battery, installDate, estimated, connection, quality);
        }

        private Instant instant() {
            return MICROS.fromLong(varlong(), null, null);
        }

        private String string() {
            int length = Math.toIntExact(varlong());
            if (length < 0 || n + length > buf.length) {
                throw new IllegalStateException("a string of " + length + " bytes runs past the end");
            }
            String s = new String(buf, n, length, StandardCharsets.UTF_8);
            n += length;
            return s;
        }

        private long varlong() {
            long z = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 63) {
                    throw new IllegalStateException("a varint longer than 10 bytes");
                }
                byte b = buf[n++];
                z |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            return (z >>> 1) ^ -(z & 1);
        }

        private long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (buf[n++] & 0xFFL) << (8 * i);
            }
            return v;
        }
    }
}
