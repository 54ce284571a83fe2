package org.amiconnect.simulators.beacon360;

import java.util.HashMap;
import java.util.Map;

/**
 * The 48 report columns of Beacon's Export Data Service, in the order the predecessor requested them. Constant names
 * are the exact header names, so {@link #name()} is what goes on the wire.
 */
enum BeaconColumn {
    Account_ID, Battery_Level, Current_Leak_Rate, Current_Leak_Start_Date, Demand_Zone_ID, Dials,
    Endpoint_Install_Date, Endpoint_SN, Estimated_Flag, Flow, Flow_Time, Flow_Unit, Location_Address_Line1,
    Location_Address_Line2, Location_Address_Line3, Location_City, Location_Country, Location_ID, Location_State,
    Location_ZIP, Location_Continuous_Flow, Location_Latitude, Location_Longitude, Location_Irrigated_Area,
    Location_Irrigation, Location_Main_Use, Location_Name, Location_Pool, Location_Water_Type, Location_Year_Built,
    Meter_ID, Meter_Install_Date, Meter_Manufacturer, Meter_Model, Meter_Size, Meter_Size_Desc, Meter_Size_Unit,
    Meter_SN, Raw_Read, Read, Read_Time, Read_Unit, Register_Number, Register_Resolution, SA_Start_Date,
    Service_Point_Class_Code, Service_Point_Class_Code_Normalized, Signal_Strength;

    private static final Map<String, BeaconColumn> BY_NAME = new HashMap<>();

    static {
        for (BeaconColumn column : values()) {
            BY_NAME.put(column.name(), column);
        }
    }

    /** The column with this exact header name, or null. */
    static BeaconColumn byName(String name) {
        return BY_NAME.get(name);
    }

    /** True for columns whose value changes from read to read (everything else is fixed per meter). */
    boolean perRead() {
        switch (this) {
            case Current_Leak_Rate:
            case Current_Leak_Start_Date:
            case Estimated_Flag:
            case Flow:
            case Flow_Time:
            case Flow_Unit:
            case Raw_Read:
            case Read:
            case Read_Time:
                return true;
            default:
                return false;
        }
    }
}
