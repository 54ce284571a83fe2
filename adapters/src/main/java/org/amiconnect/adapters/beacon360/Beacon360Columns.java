package org.amiconnect.adapters.beacon360;

import java.util.List;

import org.amiconnect.core.vendorfile.VendorColumns;

/** The 48 report columns AMI Connect requests from Beacon 360, in the predecessor's order. */
public final class Beacon360Columns {

    public static final String ENDPOINT_SN = "Endpoint_SN";
    public static final String READ_TIME = "Read_Time";
    public static final String READ = "Read";
    public static final String READ_UNIT = "Read_Unit";

    public static final List<String> ALL = List.of(
            "Account_ID", "Battery_Level", "Current_Leak_Rate", "Current_Leak_Start_Date", "Demand_Zone_ID", "Dials",
            "Endpoint_Install_Date", "Endpoint_SN", "Estimated_Flag", "Flow", "Flow_Time", "Flow_Unit",
            "Location_Address_Line1", "Location_Address_Line2", "Location_Address_Line3", "Location_City",
            "Location_Country", "Location_ID", "Location_State", "Location_ZIP", "Location_Continuous_Flow",
            "Location_Latitude", "Location_Longitude", "Location_Irrigated_Area", "Location_Irrigation",
            "Location_Main_Use", "Location_Name", "Location_Pool", "Location_Water_Type", "Location_Year_Built",
            "Meter_ID", "Meter_Install_Date", "Meter_Manufacturer", "Meter_Model", "Meter_Size", "Meter_Size_Desc",
            "Meter_Size_Unit", "Meter_SN", "Raw_Read", "Read", "Read_Time", "Read_Unit", "Register_Number",
            "Register_Resolution", "SA_Start_Date", "Service_Point_Class_Code", "Service_Point_Class_Code_Normalized",
            "Signal_Strength");

    /**
     * Without these a report yields no usable read (device, time, register and interval with their units) and is
     * rejected before anything is published; every other column is optional: when missing, its field is null in every
     * record and the run carries a warning.
     */
    public static final List<String> REQUIRED = List.of(ENDPOINT_SN, READ_TIME, READ, READ_UNIT, "Flow", "Flow_Unit");

    /** The columns a report is read by. */
    public static final VendorColumns DECLARED = VendorColumns.of("Beacon 360", ALL, REQUIRED);

    private Beacon360Columns() {
    }
}
