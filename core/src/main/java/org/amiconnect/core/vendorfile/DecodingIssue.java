package org.amiconnect.core.vendorfile;

import java.util.HexFormat;

/**
 * A byte sequence of a vendor file that is not valid in the file's character set, and what was read instead.
 *
 * @param byteOffset 0-based offset of the first byte in the file (a byte order mark counts)
 * @param charOffset 0-based offset of the replacement in the decoded text (the byte order mark does not count)
 * @param bytes the invalid bytes
 * @param readAs the text read in their place: their Windows-1252 reading, or U+FFFD
 */
public record DecodingIssue(long byteOffset, long charOffset, byte[] bytes, String readAs) {

    public DecodingIssue {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** E.g. {@code byte offset 517: 0xF1 read as 'ñ'}. */
    public String describe() {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(hex.isEmpty() ? "0x" : " 0x").append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return "byte offset " + byteOffset + ": " + hex + " read as '" + readAs + "'";
    }
}
