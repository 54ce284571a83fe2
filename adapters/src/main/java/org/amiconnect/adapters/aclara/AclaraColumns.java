package org.amiconnect.adapters.aclara;

import java.util.List;

import org.amiconnect.core.vendorfile.VendorColumns;

/** The 20 columns of an Aclara readings file, in the vendor's order (python-ami-connect §2.1). */
public final class AclaraColumns {

    public static final String METER_SN = "MeterSN";
    public static final String READING_TIME = "ReadingTime";
    public static final String SCALED_READ = "ScaledRead";
    public static final String ACCOUNT_TYPE = "AccountType";

    public static final List<String> ALL = List.of(
            "AccountNumber", "MeterSN", "MTUID", "Port", "AccountType", "Address1", "City", "State", "Zip", "RawRead",
            "ScaledRead", "ReadingTime", "LocalTime", "Active", "Scalar", "MeterTypeID", "Vendor", "Model",
            "Description", "ReadInterval");

    /**
     * Without these a file yields no usable read (meter, time, register) and is rejected before anything is published;
     * AccountType too, since without it DETECTOR CHECK rows (no meter) cannot be told from meters.
     */
    public static final List<String> REQUIRED = List.of(METER_SN, READING_TIME, SCALED_READ, ACCOUNT_TYPE);

    /** The columns a file is read by. */
    public static final VendorColumns DECLARED = VendorColumns.of("Aclara", ALL, REQUIRED);

    private AclaraColumns() {
    }
}
