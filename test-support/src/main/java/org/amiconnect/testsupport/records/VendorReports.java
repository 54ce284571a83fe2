package org.amiconnect.testsupport.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Vendor files in the shapes utilities really hold them, as bytes. */
public final class VendorReports {

    private VendorReports() {
    }

    /**
     * A Beacon 360 range report as a utility downloads it by hand: a UTF-8 byte order mark, CRLF lines, and yet one
     * address written in Windows-1252 ({@code 34 Cañada Ct}, the ñ as the single byte 0xF1). Three rows: accounts
     * 555001..555003 on endpoints 1001..1003; reads 227.6 CCF and 100.1 CCF at 2026-06-10 00:59 and 3.5 KGAL at 01:59
     * (local time).
     */
    public static byte[] beacon360HandDownloaded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(("\"Account_ID\",\"Endpoint_SN\",\"Location_Address_Line1\",\"Read_Time\",\"Read\","
                + "\"Read_Unit\",\"Flow\",\"Flow_Unit\",\"Signal_Strength\"\r\n"
                + "\"555001\",\"1001\",\"12 Main St\",\"2026-06-10 00:59\",\"227.6\",\"CCF\",\"5.0\",\"Gallons\",\"good\"\r\n"
                + "\"555002\",\"1002\",\"34 Ca").getBytes(StandardCharsets.UTF_8));
        out.write(0xF1);
        out.writeBytes(("ada Ct\",\"2026-06-10 00:59\",\"100.1\",\"CCF\",\"2.0\",\"Gallons\",\"weak\"\r\n"
                + "\"555003\",\"1003\",\"56 Oak Ave\",\"2026-06-10 01:59\",\"3.5\",\"KGAL\",\"1.0\",\"Gallons\",\"good\"\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
