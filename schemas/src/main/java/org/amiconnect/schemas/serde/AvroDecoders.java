package org.amiconnect.schemas.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** One reusable binary decoder per thread, pointed at the body of each framed record in turn. */
final class AvroDecoders {

    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private AvroDecoders() {
    }

    static BinaryDecoder decoder(byte[] framed) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, WireFormat.BODY_OFFSET,
                framed.length - WireFormat.BODY_OFFSET, DECODERS.get());
        DECODERS.set(decoder);
        return decoder;
    }
}
